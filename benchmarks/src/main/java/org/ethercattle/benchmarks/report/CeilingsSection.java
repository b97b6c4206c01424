package org.ethercattle.benchmarks.report;

import static org.ethercattle.benchmarks.report.Figures.mb;
import static org.ethercattle.benchmarks.report.Figures.rate;
import static org.ethercattle.benchmarks.report.Figures.withError;

import java.util.List;
import org.ethercattle.benchmarks.RawRocksDbWriteBenchmark;
import org.ethercattle.benchmarks.StoreWriteBenchmark;

/** Each store's batched-write ceiling ({@code StoreWriteBenchmark}) and raw rocksdbjni's. */
final class CeilingsSection implements ReportSection {

    @Override
    public void render(Results results, StringBuilder md) {
        List<Measurement> stores = results.select(m -> m.benchmark().equals("StoreWriteBenchmark")
                || m.benchmark().equals("RawRocksDbWriteBenchmark"));
        if (stores.isEmpty()) {
            return;
        }
        md.append("### Store ceilings: batched writes\n\n");
        md.append("Loops of ").append(Figures.size(Long.parseLong(StoreWriteBenchmark.BATCH_BYTES)))
                .append(" batches of the geth-shaped ops. `raw rocksdbjni` writes them with plain"
                + " `org.rocksdb.WriteBatch` calls (WAL off, ").append(Figures.size(RawRocksDbWriteBenchmark.MEMTABLE_BYTES))
                .append(" x ").append(RawRocksDbWriteBenchmark.MEMTABLES).append(" memtables, LZ4), `sorted=true`"
                + " sorting each batch by key first (inside the timing): RocksDB's own ceiling without Cattle.\n\n");
        md.append("| store | ops/s | MB/s | ops/CPU-s | n |\n|---|---:|---:|---:|---:|\n");
        for (Measurement m : stores) {
            String label = m.benchmark().equals("RawRocksDbWriteBenchmark")
                    ? "raw rocksdbjni, WAL off, sorted=" + m.param("sorted") : "`" + m.param("store") + "`";
            md.append("| ").append(label).append(" | ").append(withError(m.ops())).append(" | ").append(mb(m.bytes()))
                    .append(" | ").append(rate(m.opsPerCpuSecond())).append(" | ").append(m.samples()).append(" |\n");
        }
        md.append('\n');
    }
}
