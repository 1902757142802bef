#!/usr/bin/env python3
"""Writes the fuzz seed corpora from the committed oracle vectors.

Each fuzz target (a @FuzzTest method in org.katzen4j.<module>.fuzz) replays, in regression mode, the files in
  <module>/src/test/resources/org/katzen4j/<pkg>/fuzz/<Class>Inputs/<method>/
This script fills those directories with real encodings taken from <module>/src/test/resources/vectors/*.json,
named seed-<n>. Files called crash-* (reproducers kept by scripts/fuzz.sh) are left alone.
Run from the repository root: python3 scripts/fuzz-seeds.py [module...]
"""
import glob
import gzip
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_SEED = 64 * 1024  # keep the committed corpus small


def vec(module, name):
    with open(os.path.join(ROOT, module, "src/test/resources/vectors", name)) as f:
        return json.load(f)


def write(module, pkg, cls, method, seeds, limit=24):
    d = os.path.join(ROOT, module, "src/test/resources", pkg.replace(".", "/"), cls + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    for old in glob.glob(os.path.join(d, "seed-*")):
        os.remove(old)
    seen = set()
    n = 0
    for s in seeds:
        if isinstance(s, str):
            s = bytes.fromhex(s)
        if len(s) > MAX_SEED or s in seen:
            continue
        seen.add(s)
        with open(os.path.join(d, "seed-%02d-%s" % (n, hashlib.sha256(s).hexdigest()[:8])), "wb") as f:
            f.write(s)
        n += 1
        if n >= limit:
            break
    print("%-60s %3d seeds" % (os.path.relpath(d, ROOT), n))


def codec():
    cases = vec("codec", "cbor.json")["cases"]
    seeds = [c[k] for c in cases for k in ("canonical", "default") if k in c]
    write("codec", "org.katzen4j.codec.fuzz", "CborReaderFuzzTest", "decode", seeds)


def framed(body):
    body = bytes.fromhex(body) if isinstance(body, str) else body
    return len(body).to_bytes(4, "big") + body


def thin_client():
    v = vec("thin-client", "thin_messages.json")
    pkg, cls = "org.katzen4j.thinclient.fuzz", "ThinProtocolFuzzTest"
    requests = [r["frame"] for r in v["requests"]] + [r["body"] for r in v["requests"]]
    responses = [r["frame"] for r in v["responses"]]
    write("thin-client", pkg, cls, "request", requests, limit=40)
    write("thin-client", pkg, cls, "response", responses, limit=40)
    # FuzzedDataProvider layout: the int count and cut sizes come from the END of the input, the stream from
    # the front; a seed of two whole frames followed by a zero count keeps the stream intact.
    streams = [framed(a["frame"]) + framed(b["frame"]) + bytes(4)
               for a, b in zip(v["requests"][::3], v["responses"][::3])]
    write("thin-client", pkg, cls, "frames", streams)


def wire():
    v = vec("wire", "wire_commands.json")
    pkg, cls = "org.katzen4j.wire.fuzz", "WireFuzzTest"
    # WireFuzzTest uses the smallest oracle geometry (index 3)
    write("wire", pkg, cls, "command", [x["padded"] for x in v["vectors"] if x["geometry"] == 3], limit=40)
    n = vec("wire", "wire_noise.json")
    write("wire", pkg, cls, "authMessage", [n["initiatorAuthPayload"], n["responderAuthPayload"]])
    # FuzzedDataProvider takes the step/mode ints and the seed long from the end of the input
    hs = []
    for step in range(4):
        for mode in range(4):
            tail = step.to_bytes(4, "big") + mode.to_bytes(4, "big") + (42).to_bytes(8, "big")
            hs.append(bytes([1 + step, 0x10 + mode, 0x80, 0x07]) + tail[::-1])
    write("wire", pkg, cls, "handshake", hs, limit=16)
    # consensusChunks: first byte = chunk count - 1 (bits 0-1), error code (bits 2-3), skip flag (bit 4)
    docs = sorted(vec("pki", "pki_documents.json")["documents"], key=lambda d: len(d["certificate"]))
    small = gzip.compress(bytes.fromhex(docs[0]["certificate"]), mtime=0)
    bomb = gzip.compress(bytes(1 << 20), mtime=0)  # 1 MiB of zeros: must hit the document cap
    write("wire", pkg, cls, "consensusChunks", [bytes([0]) + small, bytes([3]) + small, bytes([0x13]) + small,
                                                bytes([4]) + gzip.compress(b"", mtime=0), bytes([1]) + bomb])


def pki():
    v = vec("pki", "pki_documents.json")
    pkg, cls = "org.katzen4j.pki.fuzz", "PkiFuzzTest"
    docs = sorted(v["documents"], key=lambda d: len(d["certificate"]))
    write("pki", pkg, cls, "consensus", [d["certificate"] for d in docs], limit=2)
    write("pki", pkg, cls, "documentBody", [d["certified"] for d in docs] + [d["defaultEncoding"] for d in docs if "defaultEncoding" in d],
          limit=2)
    write("pki", pkg, cls, "mixDescriptor", [x["bytes"] for d in docs for x in d["descriptors"] or []], limit=6)
    write("pki", pkg, cls, "replicaDescriptor", [x["bytes"] for d in docs for x in d["replicas"] or []], limit=4)


def sphinx():
    pkg, cls = "org.katzen4j.sphinx.fuzz", "SphinxFuzzTest"
    cases = vec("sphinx", "sphinx_packets_nike.json")
    key = cases[0]["nodes"][0]["privateKey"]  # SphinxFuzzTest unwraps with this node's key
    packets = [c["packets"][i] for c in cases for i, n in enumerate(c["nodes"])
               if n["privateKey"] == key and i < len(c["packets"])]
    write("sphinx", pkg, cls, "unwrap", packets, limit=4)
    write("sphinx", pkg, cls, "decryptSurbPayload", [cases[0]["output"]], limit=2)
    cmds = vec("sphinx", "sphinx_commands.json")
    blocks = [cmds[k] for k in ("NextHopCmdWant", "RecipientCmdWant", "SURBReplyCmdWant", "NodeDelayCmdWant")]
    blocks += [b["block"] for b in cmds["blocks"]]
    blocks += ["".join(c) for case in cases for c in case["commands"]]
    write("sphinx", pkg, cls, "routingCommands", blocks, limit=40)


def pigeonhole():
    pkg, cls = "org.katzen4j.pigeonhole.fuzz", "PigeonholeFuzzTest"
    v = vec("pigeonhole", "messages.json")
    by_type = {}
    for m in v["messages"]:
        by_type.setdefault(m["type"], []).append(m["encoding"])
    seeds = [e for encs in by_type.values() for e in sorted(encs, key=len)[:3]]
    seeds += [p["input"] for p in v["parse"] if p["goAccepts"]][:10]
    write("pigeonhole", pkg, cls, "message", sorted(seeds, key=len), limit=28)
    inner = [m["encoding"] for m in v["messages"] if m["type"] == "ReplicaMessageReplyInnerMessage"]
    write("pigeonhole", pkg, cls, "replicaReply",
          [bytes([slot]) + bytes.fromhex(e) for e in sorted(inner, key=len)[:4] for slot in (0, 1)], limit=8)
    b = vec("pigeonhole", "bacap.json")
    caps = [c[k] for c in b["cases"][:2] for k in ("writeCap", "readCap")]
    caps += [b["cases"][0]["indexes"][0]["index"]]
    caps += [x["input"] for x in vec("pigeonhole", "misc.json")["extract"]]
    write("pigeonhole", pkg, cls, "capabilities", caps, limit=20)


def config():
    pkg, cls = "org.katzen4j.config.fuzz", "ConfigFuzzTest"
    cases = sorted(vec("config", "config_load_cases.json"), key=lambda c: len(c["toml"]))
    picked = [c for c in cases if c["outcome"] == "ok"][:2] + [c for c in cases if c["outcome"] == "panic"][:3]
    picked += [c for c in cases if c["outcome"] == "error"][:2]
    write("config", pkg, cls, "clientConfig", [c["toml"].encode() for c in picked])
    thin = sorted(glob.glob(os.path.join(ROOT, "config/src/test/resources/genconfig/*/thinclient.toml")))
    write("config", pkg, cls, "thinClientConfig", [open(f, "rb").read() for f in thin])


GENERATORS = {"config": config, "pigeonhole": pigeonhole, "sphinx": sphinx, "pki": pki, "wire": wire, "codec": codec, "thin-client": thin_client}

if __name__ == "__main__":
    for m in sys.argv[1:] or GENERATORS:
        GENERATORS[m]()
