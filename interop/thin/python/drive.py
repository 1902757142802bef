"""Drives the published Python thin client through its core, legacy and channel calls against
a daemon listener (the katzen4j daemon tests use our listener with a scripted engine that echoes
legacy payloads and answers channel queries with an ACK for writes or b"box content" for reads).
Prints one "ok <step>" line per step and "ALL OK" at the end; exits non-zero on failure."""
import asyncio
import sys

from katzenpost_thinclient import Config, ThinClient


async def main(toml):
    loop = asyncio.get_running_loop()
    replies = asyncio.Queue()
    sent = asyncio.Queue()
    cfg = Config(toml,
                 on_message_reply=lambda e: replies.put_nowait(e),
                 on_message_sent=lambda e: sent.put_nowait(e))
    c = ThinClient(cfg)
    await c.start(loop)
    assert c.is_connected(), "not connected"
    doc = c.pki_document()
    assert doc is not None and doc["Epoch"] == 100, doc
    print("ok start: status then PKI document, epoch", doc["Epoch"])

    echo = c.get_service("echo")
    node, queue = echo.to_destination()
    print("ok get_service", queue)

    surb = c.new_surb_id()
    await c.send_message(surb, b"ping", node, queue)
    s = await asyncio.wait_for(sent.get(), 10)
    r = await asyncio.wait_for(replies.get(), 10)
    assert s["surbid"] == surb and r["surbid"] == surb and r["payload"] == b"ping", (s, r)
    print("ok send_message: sent event then reply")

    mid = c.new_message_id()
    await c.send_reliable_message(mid, b"arq", node, queue)
    s = await asyncio.wait_for(sent.get(), 10)
    r = await asyncio.wait_for(replies.get(), 10)
    assert s["message_id"] == mid and r["message_id"] == mid and r["payload"] == b"arq", (s, r)
    print("ok send_reliable_message")

    # crashes a v0.0.71 Go daemon; ours sends without reply and stays up
    await c.send_message_without_reply(b"fire and forget", node, queue)
    print("ok send_message_without_reply")

    ch, read_cap, write_cap = await c.create_write_channel()
    assert len(read_cap) == 136 and len(write_cap) == 168
    print("ok create_write_channel", ch)
    wr = await c.write_channel(ch, b"hello")
    print("ok write_channel")
    cnode, cqueue = await c.get_courier_destination()
    ack = await c.send_channel_query_await_reply(ch, wr.send_message_payload, cnode, cqueue, c.new_message_id())
    assert ack == b"", ack
    print("ok send_channel_query_await_reply (write ack)")

    rch = await c.create_read_channel(read_cap)
    print("ok create_read_channel", rch)
    rr = await c.read_channel(rch, None, 1)
    box = await c.send_channel_query_await_reply(rch, rr.send_message_payload, cnode, cqueue, c.new_message_id())
    assert box == b"box content", box
    print("ok read_channel + send_channel_query_await_reply (read)")
    await c.send_channel_query(rch, rr.send_message_payload, cnode, cqueue, c.new_message_id())
    print("ok send_channel_query")

    ids = [await c.resume_write_channel(write_cap, wr.next_message_index),
           await c.resume_write_channel_query(write_cap, wr.current_message_index, wr.envelope_descriptor,
                                              wr.envelope_hash),
           await c.resume_read_channel(read_cap, None, None),
           await c.resume_read_channel_query(read_cap, rr.next_message_index, 0, rr.envelope_descriptor,
                                             rr.envelope_hash)]
    assert len(set(ids)) == 4 and all(0 < i < 65536 for i in ids), ids
    print("ok resume channels", ids)

    await c.close_channel(ch)
    try:
        await c.write_channel(ch, b"x")
        raise AssertionError("write after close succeeded")
    except Exception as e:
        assert "7" in str(e), e
    print("ok close_channel then write: error 7")
    c.stop()
    print("ALL OK")


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1]))
    except Exception as e:
        print("FAIL", repr(e))
        sys.exit(1)
