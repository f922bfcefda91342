package cn.yibao.crossregion.workflow;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The analysts' page is built into META-INF/resources/analyst/ (src/main/webui); its relative asset
 * paths need the trailing slash, so /analyst is sent to /analyst/.
 */
@ApplicationScoped
public class AnalystPageRoute {

    void addRedirect(@Observes Router router) {
        router.routeWithRegex(HttpMethod.GET, "/analyst").handler(context -> context.redirect("/analyst/"));
    }
}
