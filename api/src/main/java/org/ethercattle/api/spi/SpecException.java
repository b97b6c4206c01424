package org.ethercattle.api.spi;

import org.ethercattle.api.CattleException;

/** A spec string is malformed, names an unknown parameter, or gives a bad value. */
public class SpecException extends CattleException {

    public SpecException(String message) {
        super(message);
    }

    public SpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
