package io.threebot.deployer.billing;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.threebot.deployer.billing.UserPayment;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code of a wallet URI (encoded by ZXing), as a PNG for web pages and as text for terminals. Wallet apps
 * scan it to pay a request.
 */
public final class PaymentQrCode {
    private static final int QUIET_ZONE = 2;
    private static final int PIXELS_PER_MODULE = 6;

    private final BitMatrix modules;

    private PaymentQrCode(BitMatrix modules) {
        this.modules = modules;
    }

    /** Encodes {@code text} (e.g. {@link UserPayment#walletUri()}). */
    public static PaymentQrCode of(String text) {
        try {
            return new PaymentQrCode(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE)));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode this text as a QR code", e);
        }
    }

    /** Modules per side, quiet zone included. */
    public int size() {
        return modules.getWidth();
    }

    /** True where the module is dark. */
    public boolean dark(int x, int y) {
        return modules.get(x, y);
    }

    /** A black-on-white PNG, {@value #PIXELS_PER_MODULE} pixels per module. */
    public byte[] png() {
        int side = size() * PIXELS_PER_MODULE;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
        // whole modules written to the raster (0 is black, 1 white in the binary palette), not pixel by pixel
        // through the colour model
        WritableRaster raster = image.getRaster();
        int[] black = new int[PIXELS_PER_MODULE * PIXELS_PER_MODULE];
        int[] white = new int[black.length];
        Arrays.fill(white, 1);
        for (int y = 0; y < size(); y++) {
            for (int x = 0; x < size(); x++) {
                raster.setSamples(x * PIXELS_PER_MODULE, y * PIXELS_PER_MODULE, PIXELS_PER_MODULE,
                        PIXELS_PER_MODULE, 0, dark(x, y) ? black : white);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The code drawn with block characters, two modules a line (light on dark terminals too: the quiet zone is drawn
     * light), for a terminal whose font has the Unicode half blocks.
     */
    public String terminalText() {
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < size(); y += 2) {
            for (int x = 0; x < size(); x++) {
                boolean top = dark(x, y);
                boolean bottom = y + 1 < size() && dark(x, y + 1);
                text.append(top ? (bottom ? ' ' : '\u2584') : (bottom ? '\u2580' : '\u2588'));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
