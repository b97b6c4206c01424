package org.ethercattle.cli;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code cattle --version}: the jar manifest's, or "development" when run from classes. */
final class CattleVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Cattle.class.getPackage().getImplementationVersion();
        return new String[] {"cattle " + (version == null ? "(development build)" : version)};
    }
}
