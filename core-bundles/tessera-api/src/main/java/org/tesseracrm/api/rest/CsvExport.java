package org.tesseracrm.api.rest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;

/**
 * A CSV download written the way every Tessera export is: streamed, UTF-8 with a byte-order mark (so
 * Excel reads it as UTF-8), a header row, RFC 4180 quoting with CRLF line ends (Apache Commons CSV), and
 * text that a spreadsheet would run as a formula ({@code =cmd|…}, {@code @SUM(…)}, {@code +A1}) made
 * inert with a leading apostrophe, as OWASP advises against CSV injection. Numbers and phone numbers such
 * as {@code -5} or {@code +7 495 123-45-67} stay as they are.
 *
 * <p>The rows are produced while the answer is written, after the request's filters have run; the
 * export therefore acts as the user who asked for it, whoever the thread's {@link CurrentUser} is then.
 */
public final class CsvExport {
    /** The media type of every export. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final Pattern NUMBER_OR_PHONE = Pattern.compile("[+-][0-9 ().\\-]*");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private CsvExport() {
    }

    /** Writes rows, one call per row. */
    @FunctionalInterface
    public interface Rows {
        /** Writes all rows to the sink. */
        void writeTo(Sink sink) throws IOException;
    }

    /** Where rows go. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Writes one row: {@code null} is an empty cell, a number its plain decimal form, anything else
         * its {@code toString()}.
         */
        void row(List<?> cells) throws IOException;
    }

    /**
     * @param fileName the name the browser saves the download under ({@code contacts.csv})
     * @param header   the column names
     * @param rows     writes the rows; runs as the current user while the answer is streamed
     * @return a 200 answer streaming the CSV as an attachment
     */
    public static Response response(String fileName, List<String> header, Rows rows) {
        return Response.ok(stream(header, rows), MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** @return the CSV body: written later, as the user who is current now */
    static StreamingOutput stream(List<String> header, Rows rows) {
        TesseraUser user = CurrentUser.get();
        return output -> {
            try (CurrentUser.Scope asUser = CurrentUser.enter(user)) {
                Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 1 << 16);
                writer.write(BYTE_ORDER_MARK);
                CSVPrinter printer = new CSVPrinter(writer, FORMAT);
                printer.printRecord(header);
                rows.writeTo(cells -> printer.printRecord(cells(cells)));
                printer.flush();
            }
        };
    }

    private static List<String> cells(List<?> values) {
        List<String> cells = new ArrayList<>(values.size());
        for (Object value : values) {
            cells.add(cell(value));
        }
        return cells;
    }

    /** @return the text of one cell, inert in a spreadsheet */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        String text = value.toString();
        if (text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        boolean formula = first == '=' || first == '@' || first == '\t' || first == '\r'
                || (first == '+' || first == '-') && !NUMBER_OR_PHONE.matcher(text).matches();
        return formula ? "'" + text : text;
    }
}
