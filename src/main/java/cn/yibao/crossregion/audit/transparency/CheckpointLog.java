package cn.yibao.crossregion.audit.transparency;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a checkpoint file: signed notes one after the other, each followed by a blank line.
 * Plain Java, so that the offline verifier reads it as the service writes it.
 */
public final class CheckpointLog {

    private CheckpointLog() {
    }

    /** A note of the file, or why it could not be read. */
    public record Entry(int line, SignedNote note, String problem) {
    }

    public static String entry(String signedNote) {
        return signedNote + "\n";
    }

    public static List<Entry> parse(String content) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = content.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            if (lines[i].isEmpty()) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder note = new StringBuilder();
            while (i < lines.length && !lines[i].isEmpty()) {
                note.append(lines[i++]).append('\n');
            }
            note.append('\n');
            i++;
            while (i < lines.length && lines[i].startsWith(SignedNote.SIGNATURE_START)) {
                note.append(lines[i++]).append('\n');
            }
            try {
                entries.add(new Entry(start + 1, SignedNote.parse(note.toString()), null));
            } catch (RuntimeException e) {
                entries.add(new Entry(start + 1, null, e.getMessage()));
            }
        }
        return entries;
    }
}
