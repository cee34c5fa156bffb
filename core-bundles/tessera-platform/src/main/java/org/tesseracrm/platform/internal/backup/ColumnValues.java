package org.tesseracrm.platform.internal.backup;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Calendar;
import java.util.TimeZone;

import org.tesseracrm.api.ProblemException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Column values between JDBC and the archive's JSON, exactly and the same on Derby and PostgreSQL: text
 * as strings, whole numbers and decimals as JSON numbers (decimals keep their scale), booleans, dates and
 * times in ISO 8601 (timestamps as the UTC instant they hold, read and written through a UTC calendar so
 * no time zone or daylight-saving gap changes them), binary data in base64.
 */
final class ColumnValues {
    private static final ThreadLocal<Calendar> UTC =
            ThreadLocal.withInitial(() -> Calendar.getInstance(TimeZone.getTimeZone("UTC")));

    private ColumnValues() {
    }

    /** Writes the value of column {@code index} of the current row. */
    static void write(JsonGenerator out, ResultSet row, int index, int type) throws SQLException, IOException {
        switch (type) {
            case Types.SMALLINT, Types.TINYINT, Types.INTEGER, Types.BIGINT -> {
                long value = row.getLong(index);
                if (row.wasNull()) {
                    out.writeNull();
                } else {
                    out.writeNumber(value);
                }
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal value = row.getBigDecimal(index);
                if (value == null) {
                    out.writeNull();
                } else {
                    out.writeNumber(value);
                }
            }
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                double value = row.getDouble(index);
                if (row.wasNull()) {
                    out.writeNull();
                } else {
                    out.writeNumber(value);
                }
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean value = row.getBoolean(index);
                if (row.wasNull()) {
                    out.writeNull();
                } else {
                    out.writeBoolean(value);
                }
            }
            case Types.DATE -> text(out, row.getDate(index, UTC.get()) == null ? null
                    : row.getDate(index, UTC.get()).toLocalDate().toString());
            case Types.TIME -> text(out, row.getTime(index) == null ? null : row.getTime(index).toLocalTime().toString());
            case Types.TIMESTAMP -> {
                Timestamp value = row.getTimestamp(index, UTC.get());
                text(out, value == null ? null : value.toInstant().toString());
            }
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
                text(out, value == null ? null : value.toString());
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] value = row.getBytes(index);
                text(out, value == null ? null : Base64.getEncoder().encodeToString(value));
            }
            default -> text(out, row.getString(index));
        }
    }

    private static void text(JsonGenerator out, String value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    /**
     * Binds an archive value to parameter {@code index}.
     *
     * @param where names the table, row and column for the problem when the value does not fit
     * @throws ProblemException MALFORMED_REQUEST when the value has the wrong form for the column
     */
    static void bind(PreparedStatement insert, int index, int type, JsonNode value, String where) throws SQLException {
        if (value == null || value.isNull()) {
            insert.setNull(index, type);
            return;
        }
        try {
            switch (type) {
                case Types.SMALLINT, Types.TINYINT, Types.INTEGER, Types.BIGINT -> {
                    require(value.isIntegralNumber() && value.canConvertToLong(), where, "a whole number");
                    insert.setLong(index, value.longValue());
                }
                case Types.DECIMAL, Types.NUMERIC -> {
                    require(value.isNumber(), where, "a number");
                    insert.setBigDecimal(index, value.decimalValue());
                }
                case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                    require(value.isNumber(), where, "a number");
                    insert.setDouble(index, value.doubleValue());
                }
                case Types.BOOLEAN, Types.BIT -> {
                    require(value.isBoolean(), where, "true or false");
                    insert.setBoolean(index, value.booleanValue());
                }
                case Types.DATE -> insert.setDate(index, Date.valueOf(LocalDate.parse(text(value, where))), UTC.get());
                case Types.TIME -> insert.setTime(index, Time.valueOf(LocalTime.parse(text(value, where))));
                case Types.TIMESTAMP -> insert.setTimestamp(index, Timestamp.from(Instant.parse(text(value, where))),
                        UTC.get());
                case Types.TIMESTAMP_WITH_TIMEZONE -> insert.setObject(index, OffsetDateTime.parse(text(value, where)));
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                        insert.setBytes(index, Base64.getDecoder().decode(text(value, where)));
                default -> insert.setString(index, text(value, where));
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw ProblemException.malformed(null, "The archive is damaged: " + where + " is not a valid value");
        }
    }

    private static String text(JsonNode value, String where) {
        require(value.isTextual(), where, "text");
        return value.textValue();
    }

    private static void require(boolean valid, String where, String what) {
        if (!valid) {
            throw ProblemException.malformed(null, "The archive is damaged: " + where + " must be " + what);
        }
    }
}
