"""Writes test/fixtures/inputs/events-python-avro.avro: the events fixture written by
another Avro implementation, Apache Avro's Python library (Debian: python3-avro), with
the deflate codec. Reads the records from events.ndjson and the schema from events.avsc
(both made by scripts/gen-input-fixtures.ts). The fixture is committed; CI only reads it.
Run: /usr/bin/python3 scripts/input-fixtures-avro.py"""
import json
import os

import avro.datafile
import avro.io
import avro.schema

here = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "inputs")
with open(os.path.join(here, "events.avsc")) as f:
    schema = avro.schema.parse(f.read())
with open(os.path.join(here, "events.ndjson")) as f:
    records = [json.loads(line) for line in f if line.strip()]
out = os.path.join(here, "events-python-avro.avro")
with open(out, "wb") as f:
    writer = avro.datafile.DataFileWriter(f, avro.io.DatumWriter(), schema, codec="deflate")
    for record in records:
        writer.append(record)
    writer.close()
print("input-fixtures-avro: wrote", out)
