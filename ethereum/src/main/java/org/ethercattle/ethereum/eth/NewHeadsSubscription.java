package org.ethercattle.ethereum.eth;

import org.ethercattle.ethereum.rpc.Notifier;
import org.ethercattle.ethereum.rpc.Params;
import org.ethercattle.ethereum.rpc.SubscriptionSource;

/**
 * {@code eth_subscribe("newHeads")}: one notification per block that becomes canonical, oldest first, its result the
 * header as {@code eth_getBlockByNumber} renders it ({@link BlockJson#header}). On a reorg each block of the new
 * branch is announced; the removed ones are not (geth has no removal notice for heads: a client sees a header whose
 * number is not above the last one's).
 */
final class NewHeadsSubscription implements SubscriptionSource {

    private final HeadWatcher watcher;

    NewHeadsSubscription(HeadWatcher watcher) {
        this.watcher = watcher;
    }

    @Override
    public Runnable open(Params params, Notifier notifier) {
        return watcher.subscribe(change -> {
            for (ChainBlock block : change.added()) {
                if (!notifier.send(block.headerJson())) {
                    return;
                }
            }
        });
    }
}
