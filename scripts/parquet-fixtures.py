"""Writes test/fixtures/parquet/: small Parquet files from implementations other than
serbench's own codecs (Arrow C++ through pyarrow, DuckDB, fastparquet), valid and
deliberately corrupt, and manifest.json describing them. Run through
scripts/gen-parquet-fixtures.sh, which makes the source records with serbench itself.

Needs: pip install pyarrow duckdb fastparquet (a virtualenv is fine).
"""
import json
import os
import struct
import sys

import duckdb
import fastparquet
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

SRC, OUT = sys.argv[1], sys.argv[2]

LOG = pa.schema([
    ("ip", pa.string()), ("timestampMs", pa.int64()), ("method", pa.string()), ("path", pa.string()),
    ("status", pa.int32()), ("responseBytes", pa.int64()), ("durationMs", pa.float64()),
    ("userAgent", pa.string()), ("referrer", pa.string()),
])
METRICS = pa.schema([
    ("seriesId", pa.int64()), ("timestampMs", pa.int64()), ("value", pa.float64()), ("rate", pa.float64()),
    ("counter", pa.int64()), ("p50", pa.float64()), ("p99", pa.float64()), ("region", pa.int32()),
    ("shard", pa.int32()), ("flags", pa.int32()),
])
ADDRESS = pa.struct([("city", pa.string()), ("country", pa.string()), ("postcode", pa.string())])
ORDERS = pa.schema([
    ("orderId", pa.int64()), ("createdAtMs", pa.int64()),
    ("customer", pa.struct([("id", pa.int64()), ("name", pa.string()), ("email", pa.string()), ("vip", pa.bool_()), ("address", ADDRESS)])),
    ("items", pa.list_(pa.struct([("sku", pa.string()), ("quantity", pa.int32()), ("price", pa.float64()), ("discount", pa.float64())]))),
    ("coupon", pa.string()), ("tags", pa.list_(pa.string())), ("currency", pa.string()), ("total", pa.float64()), ("note", pa.string()),
])

manifest = []


def records(name):
    with open(os.path.join(SRC, f"{name}.json"), encoding="utf-8") as f:
        return json.load(f)


def table(name, schema):
    rows = records(name)
    present = [f.name for f in schema]
    return pa.Table.from_pylist([{k: r.get(k) for k in present} for r in rows], schema=schema)


def add(file, writer, valid, rows, description, source=None):
    manifest.append({"file": file, "writer": writer, "valid": valid, "rows": rows, "source": source, "description": description})


def pyarrow_file(dataset, schema, variant, **options):
    t = table(dataset, schema)
    file = f"{dataset}-pyarrow-{variant}.parquet"
    pq.write_table(t, os.path.join(OUT, file), **options)
    opts = ", ".join(f"{k}={v}" for k, v in options.items()) or "defaults"
    add(file, f"pyarrow {pa.__version__} (Arrow C++)", True, t.num_rows, f"pyarrow.parquet.write_table({opts})", f"{dataset}.json")
    return file


def duckdb_file(dataset, schema, variant, copy_options):
    t = table(dataset, schema)
    file = f"{dataset}-duckdb-{variant}.parquet"
    con = duckdb.connect()
    con.register("t", t)
    con.execute(f"COPY (SELECT * FROM t) TO '{os.path.join(OUT, file)}' (FORMAT PARQUET{copy_options})")
    add(file, f"DuckDB {duckdb.__version__}", True, t.num_rows, f"COPY ... TO (FORMAT PARQUET{copy_options})", f"{dataset}.json")


def fastparquet_file(dataset, schema, variant, **options):
    t = table(dataset, schema)
    file = f"{dataset}-fastparquet-{variant}.parquet"
    frame = t.to_pandas()
    fastparquet.write(os.path.join(OUT, file), frame, **options)
    opts = ", ".join(f"{k}={v}" for k, v in options.items()) or "defaults"
    add(file, f"fastparquet {fastparquet.__version__}", True, t.num_rows, f"fastparquet.write({opts})", f"{dataset}.json")


def corrupt(base, variant, description, change):
    data = bytearray(open(os.path.join(OUT, base), "rb").read())
    data = change(data)
    file = base.replace(".parquet", f"-corrupt-{variant}.parquet")
    with open(os.path.join(OUT, file), "wb") as f:
        f.write(data)
    add(file, f"derived from {base}", False, None, description)


def footer_length(data):
    return struct.unpack_from("<I", data, len(data) - 8)[0]


def set_footer_length(value):
    def change(data):
        struct.pack_into("<I", data, len(data) - 8, value)
        return data
    return change


def fill(start, end, byte):
    def change(data):
        for i in range(start(data), end(data)):
            data[i] = byte
        return data
    return change


# Valid files: the encodings and page versions serbench's own writers do not produce.
plain = pyarrow_file("log", LOG, "plain", compression="NONE", use_dictionary=False)
pyarrow_file("log", LOG, "snappy-dictionary", compression="SNAPPY")
pyarrow_file("log", LOG, "gzip-v2", compression="GZIP", data_page_version="2.0")
pyarrow_file("log", LOG, "zstd", compression="ZSTD")
pyarrow_file("log", LOG, "small-row-groups", compression="NONE", row_group_size=7)
pyarrow_file("metrics", METRICS, "plain", compression="NONE", use_dictionary=False)
pyarrow_file("metrics", METRICS, "byte-stream-split", compression="NONE", use_dictionary=False, use_byte_stream_split=["value", "rate", "p50", "p99"])
pyarrow_file("orders", ORDERS, "plain", compression="NONE", use_dictionary=False)
duckdb_file("log", LOG, "uncompressed", ", COMPRESSION 'uncompressed'")
duckdb_file("metrics", METRICS, "snappy", ", COMPRESSION 'snappy'")
duckdb_file("orders", ORDERS, "uncompressed", ", COMPRESSION 'uncompressed'")
fastparquet_file("log", LOG, "plain", compression=None)
fastparquet_file("metrics", METRICS, "plain", compression=None)

# Corrupt files, each damaged in one way a real file gets damaged.
corrupt(plain, "truncated", "the first 60% of the bytes (a cut-off download)", lambda d: d[: len(d) * 6 // 10])
corrupt(plain, "footer-length-huge", "footer length forged to 0x7fffffff", set_footer_length(0x7FFFFFFF))
corrupt(plain, "footer-length-short", "footer length forged 40 bytes short (points inside the metadata)", lambda d: set_footer_length(footer_length(d) - 40)(d))
corrupt(plain, "no-leading-magic", "the leading PAR1 zeroed", fill(lambda d: 0, lambda d: 4, 0))
corrupt(plain, "page-header", "the first page header overwritten with 0xff", fill(lambda d: 4, lambda d: 24, 0xFF))
corrupt(plain, "footer-garbled", "16 bytes in the middle of the footer metadata overwritten with 0xff",
        fill(lambda d: len(d) - 8 - footer_length(d) // 2, lambda d: len(d) - 8 - footer_length(d) // 2 + 16, 0xFF))
corrupt(plain, "body-zeroed", "every byte between the magic and the footer zeroed (page headers and values)",
        fill(lambda d: 4, lambda d: len(d) - 8 - footer_length(d), 0))

with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=1)
    f.write("\n")
print(f"wrote {len(manifest)} Parquet fixtures to {OUT}")
