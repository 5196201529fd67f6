package io.threebot.deployer.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PaymentQrCodeTest {
    @Test
    void thePngShowsEveryModuleBlackWhereItIsDarkAndWhiteElsewhere() throws Exception {
        PaymentQrCode code = PaymentQrCode.of("tft:GSIMULATEDOPERATORWALLET?amount=46.5796&message=p-123");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(code.png()));

        int scale = image.getWidth() / code.size();
        assertThat(scale).isPositive();
        assertThat(image.getWidth()).isEqualTo(code.size() * scale).isEqualTo(image.getHeight());
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                boolean black = (image.getRGB(x, y) & 0xFFFFFF) == 0;
                assertThat(black).as("pixel %d,%d", x, y).isEqualTo(code.dark(x / scale, y / scale));
                dark += black ? 1 : 0;
            }
        }
        assertThat(dark).as("a code, not a blank square").isPositive().isLessThan(image.getWidth() * image.getHeight());
    }
}
