package cn.yibao.crossregion.ops;

import java.net.URL;

import static io.restassured.RestAssured.given;

/** One read of /q/metrics (Prometheus text) on the management port, for tests that compare two reads. */
public record Scrape(String text) {

    public static Scrape of(URL metrics) {
        return new Scrape(given().auth().none().get(metrics).then().statusCode(200).extract().asString());
    }

    /** The sum of every series of the metric whose name and labels start so ({@code audit_unavailable_total}, {@code x{reason="busy"}}); 0 if none. */
    public double value(String series) {
        double sum = 0;
        for (String line : text.lines().toList()) {
            if (!line.startsWith("#") && line.startsWith(series)
                    && (line.charAt(series.length()) == ' ' || line.charAt(series.length()) == '{')) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public boolean has(String series) {
        return text.lines().anyMatch(line -> line.startsWith(series));
    }
}
