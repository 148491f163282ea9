package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;

/**
 * Turns index key values into strings whose natural order ({@link String#compareTo}) is the order in which
 * mongo-java-server's {@code ValueComparator} sorts the values, so an ordered index is a sorted map of strings.
 * <p>
 * Only types whose order is exactly reproducible are encoded: null (and missing), numbers, strings, object ids,
 * booleans and dates. Anything else — documents, arrays, binary data, NaN, integers that a double cannot hold,
 * fractions beyond the int range and numbers beyond 2^63 or infinite (which that comparator orders inconsistently
 * against longs), Decimal128 — is
 * <em>odd</em>: {@link #encode} answers {@code false}, and the index keeps such a document apart as a candidate
 * for every query, so no answer ever depends on an order this class cannot reproduce.
 * <p>
 * Every component starts with a tag in the comparator's type order; strings end in a terminator, other types have
 * a fixed length, so a concatenation of components sorts component by component. A descending component has
 * every char inverted.
 */
final class KeyEncoding {
    private static final char NULL = 1;
    private static final char NUMBER = 2;
    private static final char STRING = 3;
    private static final char OBJECT_ID = 4;
    private static final char BOOLEAN = 5;
    private static final char DATE = 6;
    private static final char INVERT = 0xFFFF;
    /** Fractions at or beyond this magnitude compare inconsistently with longs in mongo-java-server. */
    private static final double FRACTION_LIMIT = Integer.MAX_VALUE - 1;

    private KeyEncoding() {
    }

    /** Appends {@code value} (normalized as the server normalizes index keys); false when it is odd. */
    static boolean encode(Object value, boolean ascending, StringBuilder out) {
        int start = out.length();
        if (!encodeAscending(value, out)) {
            out.setLength(start);
            return false;
        }
        if (!ascending) {
            for (int i = start; i < out.length(); i++) {
                out.setCharAt(i, (char) (INVERT - out.charAt(i)));
            }
        }
        return true;
    }

    /** The encoding of one value on its own, or null when it is odd. */
    static String encode(Object value, boolean ascending) {
        StringBuilder out = new StringBuilder();
        return encode(value, ascending, out) ? out.toString() : null;
    }

    /**
     * Whether a raw document value holds a number that normalization would disguise: Decimal128, or a long that a
     * double cannot hold exactly (normalized to a double, it would sort unlike the long the matcher compares).
     */
    static boolean hidesOddNumbers(Object raw) {
        if (raw instanceof Collection<?> values) {
            return values.stream().anyMatch(KeyEncoding::hidesOddNumbers);
        }
        if (raw instanceof Long l) {
            return !exactDouble(l);
        }
        return raw instanceof Number && !(raw instanceof Integer || raw instanceof Double);
    }

    private static boolean exactDouble(long l) {
        double d = l;
        return d < 0x1p63 && (long) d == l;
    }

    private static boolean encodeAscending(Object value, StringBuilder out) {
        if (Missing.isNullOrMissing(value)) {
            out.append(NULL);
            return true;
        }
        if (value instanceof Number number) {
            return encodeNumber(number, out);
        }
        if (value instanceof String text) {
            encodeString(text, out);
            return true;
        }
        if (value instanceof ObjectId id) {
            encodeObjectId(id, out);
            return true;
        }
        if (value instanceof Boolean flag) {
            out.append(BOOLEAN).append(flag ? (char) 2 : (char) 1);
            return true;
        }
        if (value instanceof Instant || value instanceof Date) {
            encodeDate(value instanceof Date date ? date.toInstant() : (Instant) value, out);
            return true;
        }
        return false;
    }

    /** Characters 0 and 1 escaped, so that the terminating 0 sorts a prefix before every longer text. */
    private static void encodeString(String text, StringBuilder out) {
        out.append(STRING);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 1) {
                out.append((char) 1).append((char) (c + 1));
            } else {
                out.append(c);
            }
        }
        out.append((char) 0);
    }

    private static void encodeObjectId(ObjectId id, StringBuilder out) {
        out.append(OBJECT_ID);
        byte[] bytes = id.toByteArray();
        for (int i = 0; i < bytes.length; i += 2) {
            out.append((char) (((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)));
        }
    }

    private static void encodeDate(Instant instant, StringBuilder out) {
        out.append(DATE);
        appendSortable(instant.getEpochSecond(), out);
        int nanos = instant.getNano();
        out.append((char) (nanos >>> 16)).append((char) nanos);
    }

    private static boolean encodeNumber(Number number, StringBuilder out) {
        double d;
        if (number instanceof Long l) {
            if (!exactDouble(l)) {
                return false;
            }
            d = l;
        } else if (number instanceof Double || number instanceof Integer) {
            d = number.doubleValue();
        } else {
            return false;
        }
        // beyond 2^63 (infinities too) the server compares doubles as the longest long, so they tie unlike here
        if (Double.isNaN(d) || Math.abs(d) >= 0x1p63 || (d != Math.rint(d) && Math.abs(d) >= FRACTION_LIMIT)) {
            return false;
        }
        if (d == 0.0) {
            d = 0.0;
        }
        long bits = Double.doubleToLongBits(d);
        bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        out.append(NUMBER);
        appendUnsigned(bits, out);
        return true;
    }

    private static void appendSortable(long value, StringBuilder out) {
        appendUnsigned(value ^ Long.MIN_VALUE, out);
    }

    private static void appendUnsigned(long bits, StringBuilder out) {
        out.append((char) (bits >>> 48)).append((char) (bits >>> 32)).append((char) (bits >>> 16)).append((char) bits);
    }

    /** Where the component that starts at {@code offset} ends. */
    static int componentEnd(String key, int offset, boolean ascending) {
        char tag = at(key, offset, ascending);
        return switch (tag) {
            case NULL -> offset + 1;
            case NUMBER -> offset + 5;
            case BOOLEAN -> offset + 2;
            case OBJECT_ID, DATE -> offset + 7;
            case STRING -> stringEnd(key, offset + 1, ascending);
            default -> throw new IllegalArgumentException("not an encoded key component at " + offset);
        };
    }

    private static int stringEnd(String key, int offset, boolean ascending) {
        int i = offset;
        while (true) {
            char c = at(key, i, ascending);
            if (c == 0) {
                return i + 1;
            }
            i += c == 1 ? 2 : 1;
        }
    }

    private static char at(String key, int index, boolean ascending) {
        char c = key.charAt(index);
        return ascending ? c : (char) (INVERT - c);
    }

    /**
     * The least string greater than every string that starts with {@code prefix}, or null when there is none.
     */
    static String after(String prefix) {
        int end = prefix.length();
        while (end > 0 && prefix.charAt(end - 1) == INVERT) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        return prefix.substring(0, end - 1) + (char) (prefix.charAt(end - 1) + 1);
    }
}
