package org.tesseracrm.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.ws.rs.core.StreamingOutput;

import org.junit.jupiter.api.Test;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;

class CsvExportTest {

    @Test
    void writesExcelReadableCsvWithInertFormulas() throws IOException {
        StreamingOutput body = CsvExport.stream(List.of("name", "phone", "amount", "note"), sink -> {
            sink.row(Arrays.asList("=cmd|' /C calc'!A0", "+7 495 123-45-67", new BigDecimal("1E+3"), null));
            sink.row(Arrays.asList("Щукина, \"Анна\"", "-5", new BigDecimal("-0.50"), "line\nbreak"));
            sink.row(Arrays.asList("@SUM(A1)", "+A1", "-1+1", "\tTab"));
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.write(out);

        assertEquals("\uFEFFname,phone,amount,note\r\n"
                + "'=cmd|' /C calc'!A0,+7 495 123-45-67,1000,\r\n"
                + "\"Щукина, \"\"Анна\"\"\",-5,-0.50,\"line\nbreak\"\r\n"
                + "'@SUM(A1),'+A1,'-1+1,'\tTab\r\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rowsAreWrittenAsTheUserWhoAskedWhoeverIsCurrentWhenStreaming() throws IOException {
        TesseraUser manager = new TesseraUser("mia", Set.of(TesseraUser.MANAGER));
        List<String> seen = new ArrayList<>();
        StreamingOutput body;
        try (CurrentUser.Scope asked = CurrentUser.enter(manager)) {
            body = CsvExport.stream(List.of("user"), sink -> {
                seen.add(CurrentUser.get().username());
                sink.row(List.of(CurrentUser.get().username()));
            });
        }
        // the request's filters have ended the user's scope by the time the body is written
        assertEquals(TesseraUser.SYSTEM, CurrentUser.get());
        body.write(new ByteArrayOutputStream());

        assertEquals(List.of("mia"), seen);
        assertEquals(TesseraUser.SYSTEM, CurrentUser.get());
    }
}
