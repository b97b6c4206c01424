package org.ethercattle.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ethercattle.api.Database;
import org.ethercattle.api.Stores;
import org.ethercattle.api.spi.OpenMode;
import org.ethercattle.api.spi.SpecException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Store parameters from a properties file named by {@code config=}, under the spec's own: a parameter in
 * the file applies, the same parameter in the spec wins over it (both ways), and an unknown one in the file
 * is refused with a {@link SpecException} naming it, as it would be in the spec.
 *
 * <p>Subclass it in the adapter's tests and implement {@link #newStoreSpec(Path)} and
 * {@link #parameter()}: one parameter the store reads, a value it accepts and one it refuses. The suite
 * sees that a parameter applies by the refusal: with the refused value in the file the open fails; with
 * the accepted value in the spec beside it, the store opens.
 */
public abstract class ConfigFileTck extends TckFixture {

    /**
     * A parameter the store reads, with a value it accepts and one it refuses (with a {@link SpecException}
     * or a {@code StoreException} naming the parameter), e.g. {@code new ConfigParameter("cacheSize", "8m",
     * "lots")}.
     *
     * @param name          the parameter's name as written in a spec
     * @param acceptedValue a value under which a fresh store opens
     * @param refusedValue  a value under which the open is refused, naming {@code name}
     */
    public record ConfigParameter(String name, String acceptedValue, String refusedValue) {}

    /**
     * A spec for a store at {@code emptyDirectory} (which exists and is empty; the store may live in it or
     * under it), without a query ({@code ?...}): the suite appends {@code ?config=FILE} and then
     * {@code &name=value}.
     */
    protected abstract String newStoreSpec(Path emptyDirectory);

    /** The parameter the suite writes into config files and specs. */
    protected abstract ConfigParameter parameter();

    @Test
    @DisplayName("a parameter in the config file applies: its refused value there makes the open fail")
    void required_parameterInTheFileApplies() throws IOException {
        ConfigParameter parameter = parameter();
        assertRefused(specWithConfigFile(parameter.name() + "=" + parameter.refusedValue()), parameter,
                "from the config file");
    }

    @Test
    @DisplayName("the spec's own parameter wins over the config file's: the accepted value in the spec opens the store")
    void required_specParameterWinsOverTheFile() throws IOException {
        ConfigParameter parameter = parameter();
        assertOpensAndWrites(specWithConfigFile(parameter.name() + "=" + parameter.refusedValue())
                + "&" + parameter.name() + "=" + parameter.acceptedValue());
    }

    @Test
    @DisplayName("the spec's own parameter wins over the config file's: the refused value in the spec fails the open")
    void required_specParameterWinsOverTheFileBothWays() throws IOException {
        ConfigParameter parameter = parameter();
        String accepted = parameter.name() + "=" + parameter.acceptedValue();
        assertOpensAndWrites(specWithConfigFile(accepted));
        assertRefused(specWithConfigFile(accepted) + "&" + parameter.name() + "=" + parameter.refusedValue(),
                parameter, "in the spec");
    }

    @Test
    @DisplayName("an unknown parameter in the config file is refused with SpecException naming it, like one in the spec")
    void required_unknownParameterInTheFileIsRefused() throws IOException {
        String spec = specWithConfigFile("noSuchOption=1");
        assertThatThrownBy(() -> open(spec)).isInstanceOf(SpecException.class).hasMessageContaining("noSuchOption");
    }

    /** The spec of a new store with {@code ?config=} naming a new file that holds {@code line}. */
    private String specWithConfigFile(String line) throws IOException {
        Path config = Files.writeString(newDirectory("config").resolve("store.properties"), line + "\n");
        return newStoreSpec(newDirectory("store")) + "?config=" + config;
    }

    private void assertRefused(String spec, ConfigParameter parameter, String where) {
        assertThatThrownBy(() -> open(spec)).as("%s=%s %s: %s", parameter.name(), parameter.refusedValue(), where, spec)
                .isInstanceOf(RuntimeException.class).hasMessageContaining(parameter.name());
    }

    private void assertOpensAndWrites(String spec) {
        try (Database db = open(spec)) {
            db.put(new byte[] {1}, new byte[] {2});
            assertThat(db.get(new byte[] {1})).isEqualTo(new byte[] {2});
        }
    }

    /** Opens {@code spec}; a store that opens against expectations is still closed after the test. */
    private Database open(String spec) {
        return closeAfterTest(Stores.open(spec, OpenMode.READ_WRITE));
    }
}
