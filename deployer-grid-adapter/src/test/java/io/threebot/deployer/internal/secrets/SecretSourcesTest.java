package io.threebot.deployer.internal.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.threebot.deployer.errors.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What makes a secret file or variable refused, and what the refusal says. */
class SecretSourcesTest {
    @TempDir
    Path dir;

    @Test
    void theTextIsTrimmedAndAnEmptyVariableIsRefusedByName() {
        assertThat(SecretSources.fromEnvironment(Map.of("V", "  s3cret \n"), "V", "test secret"))
                .containsExactly('s', '3', 'c', 'r', 'e', 't');
        assertThatThrownBy(() -> SecretSources.fromEnvironment(Map.of("V", " "), "V", "test secret"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The environment variable V does not hold the operator's test secret.");
    }

    @Test
    void theModeIsNamedInOctalAndLettersWhenOthersMayReadTheFile() throws Exception {
        Path file = secret("s3cret", "rw-rw----");
        assertThatThrownBy(() -> SecretSources.fromFile(file, "test secret"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The test secret file " + file + " is mode 660 (rw-rw----)")
                .hasMessageNotContaining("s3cret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(SecretSources.fromFile(file, "test secret")).containsExactly('s', '3', 'c', 'r', 'e', 't');
    }

    @Test
    void aLinkALargeFileAndAFileNotInUtf8AreRefused() throws Exception {
        Path target = secret("s3cret", "rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThatThrownBy(() -> SecretSources.fromFile(link, "test secret"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a regular file");

        Path large = secret("x".repeat(SecretSources.MAX_FILE_BYTES + 1), "rw-------");
        assertThatThrownBy(() -> SecretSources.fromFile(large, "test secret"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("too large");

        Path binary = dir.resolve("binary");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> SecretSources.fromFile(binary, "test secret"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void aFileOfAnotherUserIsRefusedEvenAtMode600() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        Path file = secret("s3cret", "rw-------");
        UserPrincipal nobody;
        try {
            nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        } catch (UserPrincipalNotFoundException e) {
            assumeTrue(false, "no user nobody here");
            return;
        }
        Files.setOwner(file, nobody);
        assertThatThrownBy(() -> SecretSources.fromFile(file, "test secret"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("belongs to nobody, not to root");
    }

    private Path secret(String text, String mode) throws Exception {
        Path file = Files.createTempFile(dir, "secret", ".txt");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
