package org.ethercattle.ethereum.anvil;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.ethercattle.ethereum.types.Hex;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * An EIP-7702 set-code transaction (type 0x04), which web3j 4.12 cannot build: the fields are assembled with
 * web3j's RLP types and signed with its secp256k1 signer, following the EIP's payload and authorization layouts.
 */
final class SetCodeTransaction {

    private static final byte TYPE = 0x04;
    private static final byte AUTHORIZATION_MAGIC = 0x05;

    private SetCodeTransaction() {}

    /**
     * A signed set-code transaction from {@code sender} to {@code to}, carrying one authorization by {@code
     * authority} (at its nonce {@code authorityNonce}) delegating its code to {@code delegate}.
     */
    static byte[] sign(long chainId, BigInteger nonce, long gas, String to, String data, Credentials sender,
            Credentials authority, BigInteger authorityNonce, String delegate) {
        List<RlpType> auth = new ArrayList<>(List.of(RlpString.create(chainId), RlpString.create(Hex.bytes(delegate)),
                RlpString.create(authorityNonce)));
        Sign.SignatureData authSig = Sign.signMessage(prefixed(AUTHORIZATION_MAGIC, RlpEncoder.encode(new RlpList(auth))),
                authority.getEcKeyPair(), true);
        auth.addAll(signature(authSig));
        List<RlpType> payload = new ArrayList<>(List.of(RlpString.create(chainId), RlpString.create(nonce),
                RlpString.create(Signer.TIP), RlpString.create(Signer.GAS_PRICE), RlpString.create(gas),
                RlpString.create(Hex.bytes(to)), RlpString.create(BigInteger.ZERO), RlpString.create(Hex.bytes(data)),
                new RlpList(), new RlpList(new RlpList(auth))));
        Sign.SignatureData sig = Sign.signMessage(prefixed(TYPE, RlpEncoder.encode(new RlpList(payload))),
                sender.getEcKeyPair(), true);
        payload.addAll(signature(sig));
        return prefixed(TYPE, RlpEncoder.encode(new RlpList(payload)));
    }

    private static List<RlpType> signature(Sign.SignatureData sig) {
        int parity = (sig.getV()[0] & 0xff) - 27;
        return List.of(RlpString.create(parity), RlpString.create(new BigInteger(1, sig.getR())),
                RlpString.create(new BigInteger(1, sig.getS())));
    }

    private static byte[] prefixed(byte prefix, byte[] rlp) {
        byte[] out = new byte[rlp.length + 1];
        out[0] = prefix;
        System.arraycopy(rlp, 0, out, 1, rlp.length);
        return out;
    }
}
