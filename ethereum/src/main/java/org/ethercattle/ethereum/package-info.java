/**
 * Everything in Cattle that knows go-ethereum. {@code core} stays generic; this module reads and writes geth's
 * database schema over any Cattle {@link org.ethercattle.api.Database} and serves the Ethereum JSON-RPC API
 * from it.
 */
package org.ethercattle.ethereum;
