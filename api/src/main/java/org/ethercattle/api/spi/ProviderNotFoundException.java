package org.ethercattle.api.spi;

/** No provider on the classpath answers to a spec's scheme, or several do and none was chosen. */
public class ProviderNotFoundException extends SpecException {

    public ProviderNotFoundException(String message) {
        super(message);
    }
}
