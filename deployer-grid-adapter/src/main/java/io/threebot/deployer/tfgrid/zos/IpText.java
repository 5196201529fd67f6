package io.threebot.deployer.tfgrid.zos;

/**
 * IP addresses and CIDRs read as Go's {@code net.ParseIP} and {@code net.ParseCIDR} read them and written as
 * {@code net.IP.String()} and {@code net.IPNet.String()} write them, which is the text zos puts into a challenge.
 * Literals only: nothing is ever looked up. A CIDR keeps its host bits ({@code 10.1.2.3/16} stays so), as
 * gridtypes.ParseIPNet keeps them.
 */
final class IpText {
    private IpText() {
    }

    /** The canonical text of an IP literal. */
    static String ip(String field, String text) {
        byte[] ip = parse(text);
        if (ip == null) {
            throw new InvalidDeploymentException(field, field + " is not an IP address");
        }
        return format(ip);
    }

    /** The canonical text of a CIDR, as net.IPNet.String() writes what net.ParseCIDR read. */
    static String cidr(String field, String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new InvalidDeploymentException(field, field + " is not a CIDR (address/prefix)");
        }
        byte[] ip = parse(text.substring(0, slash));
        String digits = text.substring(slash + 1);
        int bits = ip == null ? 0 : (ip.length == 4 ? 32 : 128);
        int prefix = decimal(digits, bits);
        if (ip == null || prefix < 0) {
            throw new InvalidDeploymentException(field, field + " is not a CIDR (address/prefix)");
        }
        if (ip.length == 16 && isV4Mapped(ip)) {
            // Go keeps a 16-byte mask for an IPv6-written address; String() then counts only its last 32 bits
            return format(ip) + "/" + Math.max(0, prefix - 96);
        }
        return format(ip) + "/" + prefix;
    }

    /** A prefix length as Go's dtoi reads it (decimal digits, leading zeros allowed) within 0..max; else -1. */
    private static int decimal(String digits, int max) {
        if (digits.isEmpty() || digits.length() > 9) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n <= max ? n : -1;
    }

    /** 4 bytes for a dotted IPv4, 16 for IPv6; null when it is neither. */
    static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return parse4(s);
        }
        return parse6(s);
    }

    private static byte[] parse4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        while (part < 4) {
            if (part > 0) {
                if (i >= s.length() || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
            int start = i;
            int n = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                n = n * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return null;
                }
            }
            if (i == start || n > 255 || (i - start > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) n;
        }
        return i == s.length() ? out : null;
    }

    private static byte[] parse6(String s) {
        byte[] ip = new byte[16];
        int ellipsis = -1;
        int i = 0;
        if (s.startsWith("::")) {
            ellipsis = 0;
            i = 2;
            if (i == s.length()) {
                return ip;
            }
        }
        int j = 0;
        while (j < 16) {
            int start = i;
            int n = 0;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0 && i - start < 5) {
                n = n * 16 + Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i == start || i - start > 4) {
                return null;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                // an embedded IPv4 address in the last 32 bits
                if (ellipsis < 0 && j != 12) {
                    return null;
                }
                if (j + 4 > 16) {
                    return null;
                }
                byte[] v4 = parse4(s.substring(start));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, ip, j, 4);
                j += 4;
                i = s.length();
                break;
            }
            ip[j] = (byte) (n >> 8);
            ip[j + 1] = (byte) n;
            j += 2;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != ':' || i + 1 == s.length()) {
                return null;
            }
            i++;
            if (s.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = j;
                i++;
                if (i == s.length()) {
                    break;
                }
            }
        }
        if (i != s.length()) {
            return null;
        }
        if (j < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int n = 16 - j;
            for (int k = j - 1; k >= ellipsis; k--) {
                ip[k + n] = ip[k];
            }
            for (int k = ellipsis + n - 1; k >= ellipsis; k--) {
                ip[k] = 0;
            }
        } else if (ellipsis >= 0) {
            return null;
        }
        return ip;
    }

    private static boolean isV4Mapped(byte[] ip) {
        for (int k = 0; k < 10; k++) {
            if (ip[k] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    static String format(byte[] ip) {
        if (ip.length == 4) {
            return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
        }
        if (isV4Mapped(ip)) {
            return format(new byte[] {ip[12], ip[13], ip[14], ip[15]});
        }
        int[] groups = new int[8];
        for (int k = 0; k < 8; k++) {
            groups[k] = ((ip[2 * k] & 0xff) << 8) | (ip[2 * k + 1] & 0xff);
        }
        // the longest run of two or more zero groups becomes "::", the first of equal runs (RFC 5952)
        int bestStart = -1;
        int bestLength = 1;
        for (int k = 0; k < 8; ) {
            if (groups[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && groups[k] == 0) {
                k++;
            }
            if (k - start > bestLength) {
                bestStart = start;
                bestLength = k - start;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                out.append("::");
                k += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[k]));
        }
        return out.toString();
    }
}
