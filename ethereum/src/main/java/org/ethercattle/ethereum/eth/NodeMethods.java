package org.ethercattle.ethereum.eth;

import static org.ethercattle.ethereum.rpc.Param.required;
import static org.ethercattle.ethereum.rpc.ParamType.BYTES;

import java.math.BigInteger;
import java.util.List;
import org.ethercattle.ethereum.rpc.RpcMethods;
import org.ethercattle.ethereum.types.Hex;
import org.web3j.crypto.Hash;

/**
 * What a node says about itself ({@code web3_*}, {@code net_*}). A replica has no peer-to-peer networking: it
 * listens for RPC only, so {@code net_peerCount} is zero and {@code net_listening} true; the network id is the
 * chain id unless configured otherwise (geth's default for the networks it knows).
 */
public final class NodeMethods {

    private final String clientVersion;
    private final BigInteger networkId;

    /**
     * @param clientVersion what {@code web3_clientVersion} answers, e.g. {@code Cattle/v0.1.0/java17}
     * @param networkId what {@code net_version} answers (decimal)
     */
    public NodeMethods(String clientVersion, BigInteger networkId) {
        this.clientVersion = clientVersion;
        this.networkId = networkId;
    }

    /** Registers every method into {@code methods}. */
    public void register(RpcMethods methods) {
        methods.register("web3_clientVersion", List.of(), p -> clientVersion);
        methods.register("web3_sha3", List.of(required(BYTES)), p -> Hex.data(Hash.sha3(p.bytes(0))));
        methods.register("net_version", List.of(), p -> networkId.toString());
        methods.register("net_listening", List.of(), p -> true);
        methods.register("net_peerCount", List.of(), p -> "0x0");
    }
}
