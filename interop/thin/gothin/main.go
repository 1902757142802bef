// Command gothin drives the reference Go thin client (client2/thin of v0.0.70,
// identical to v0.0.71 on the client side) against a daemon listener: it dials,
// checks the initial status/PKI frames, and issues every request type, printing
// one "ok <step>" line per step. Any failure exits non-zero. The katzen4j daemon
// tests run it against our listener backed by a scripted engine, which echoes
// legacy payloads and answers channel queries with an ACK (writes) or the text
// "box content" (reads).
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/katzenpost/hpqc/bacap"
	"github.com/katzenpost/katzenpost/client2/config"
	"github.com/katzenpost/katzenpost/client2/thin"
)

func fail(step string, err error) {
	fmt.Printf("FAIL %s: %v\n", step, err)
	os.Exit(1)
}

func ok(step string) { fmt.Printf("ok %s\n", step) }

func index(b []byte) *bacap.MessageBoxIndex {
	m := &bacap.MessageBoxIndex{}
	if err := m.UnmarshalBinary(b); err != nil {
		fail("index", err)
	}
	return m
}

func main() {
	cfgPath := flag.String("config", "thinclient.toml", "thinclient.toml")
	flag.Parse()
	cfg, err := thin.LoadFile(*cfgPath)
	if err != nil {
		fail("load", err)
	}
	c := thin.NewThinClient(cfg, &config.Logging{Level: "ERROR"})
	if err := c.Dial(); err != nil {
		fail("dial", err)
	}
	if !c.IsConnected() {
		fail("dial", fmt.Errorf("not connected"))
	}
	doc := c.PKIDocument()
	if doc == nil {
		fail("dial", fmt.Errorf("no PKI document"))
	}
	ok(fmt.Sprintf("dial epoch=%d services=%d", doc.Epoch, len(doc.ServiceNodes)))

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	echo, err := c.GetService("echo")
	if err != nil {
		fail("get_service", err)
	}
	idHash := hashOf(echo.MixDescriptor.IdentityKey)
	ok("get_service " + string(echo.RecipientQueueID))

	reply, err := c.BlockingSendMessage(ctx, []byte("ping"), idHash, echo.RecipientQueueID)
	if err != nil || string(reply) != "ping" {
		fail("blocking_send_message", fmt.Errorf("%q %v", reply, err))
	}
	ok("blocking_send_message")

	reply, err = c.BlockingSendReliableMessage(ctx, nil, []byte("arq"), idHash, echo.RecipientQueueID)
	if err != nil || string(reply) != "arq" {
		fail("blocking_send_reliable_message", fmt.Errorf("%q %v", reply, err))
	}
	ok("blocking_send_reliable_message")

	sink := c.EventSink()
	surb := c.NewSURBID()
	if err := c.SendMessage(surb, []byte("async"), idHash, echo.RecipientQueueID); err != nil {
		fail("send_message", err)
	}
	var sawSent, sawReply bool
	for !(sawSent && sawReply) {
		select {
		case ev := <-sink:
			switch e := ev.(type) {
			case *thin.MessageSentEvent:
				if e.SURBID != nil && *e.SURBID == *surb {
					sawSent = true
				}
			case *thin.MessageReplyEvent:
				if e.SURBID != nil && *e.SURBID == *surb && string(e.Payload) == "async" {
					if !sawSent {
						fail("send_message", fmt.Errorf("reply before sent event"))
					}
					sawReply = true
				}
			}
		case <-ctx.Done():
			fail("send_message", ctx.Err())
		}
	}
	c.StopEventSink(sink)
	ok("send_message events in order")

	chID, readCap, writeCap, err := c.CreateWriteChannel(ctx)
	if err != nil {
		fail("create_write_channel", err)
	}
	ok(fmt.Sprintf("create_write_channel %d", chID))
	wr, err := c.WriteChannel(ctx, chID, []byte("hello"))
	if err != nil || wr.ErrorCode != 0 || len(wr.NextMessageIndex) != bacap.MessageBoxIndexSize {
		fail("write_channel", fmt.Errorf("%+v %v", wr, err))
	}
	ok("write_channel")

	courier, queue, err := c.GetCourierDestination()
	if err != nil {
		fail("get_courier_destination", err)
	}
	ok("get_courier_destination " + string(queue))
	ack, err := c.SendChannelQueryAwaitReply(ctx, chID, wr.SendMessagePayload, courier, queue, c.NewMessageID())
	if err != nil || len(ack) != 0 {
		fail("send_channel_query_await_reply (write)", fmt.Errorf("%q %v", ack, err))
	}
	ok("send_channel_query_await_reply write ack")
	if err := c.SendChannelQuery(ctx, chID, wr.SendMessagePayload, courier, queue, c.NewMessageID()); err != nil {
		fail("send_channel_query", err)
	}
	ok("send_channel_query")

	rID, err := c.CreateReadChannel(ctx, readCap)
	if err != nil {
		fail("create_read_channel", err)
	}
	ok(fmt.Sprintf("create_read_channel %d", rID))
	one := uint8(1)
	rr, err := c.ReadChannel(ctx, rID, nil, &one)
	if err != nil || rr.ReplyIndex == nil || *rr.ReplyIndex != 1 {
		fail("read_channel", fmt.Errorf("%+v %v", rr, err))
	}
	ok("read_channel")
	box, err := c.SendChannelQueryAwaitReply(ctx, rID, rr.SendMessagePayload, courier, queue, c.NewMessageID())
	if err != nil || string(box) != "box content" {
		fail("send_channel_query_await_reply (read)", fmt.Errorf("%q %v", box, err))
	}
	ok("send_channel_query_await_reply read")

	id1, err := c.ResumeWriteChannel(ctx, writeCap, index(wr.NextMessageIndex))
	if err != nil {
		fail("resume_write_channel", err)
	}
	id2, err := c.ResumeWriteChannelQuery(ctx, writeCap, index(wr.CurrentMessageIndex), wr.EnvelopeDescriptor, wr.EnvelopeHash)
	if err != nil {
		fail("resume_write_channel_query", err)
	}
	id3, err := c.ResumeReadChannel(ctx, readCap, nil, nil)
	if err != nil {
		fail("resume_read_channel", err)
	}
	zero := uint8(0)
	id4, err := c.ResumeReadChannelQuery(ctx, readCap, index(rr.NextMessageIndex), &zero, rr.EnvelopeDescriptor, rr.EnvelopeHash)
	if err != nil {
		fail("resume_read_channel_query", err)
	}
	ok(fmt.Sprintf("resume channels %d %d %d %d", id1, id2, id3, id4))

	if err := c.CloseChannel(ctx, chID); err != nil {
		fail("close_channel", err)
	}
	_, err = c.WriteChannel(ctx, chID, []byte("x"))
	if err == nil || !strings.Contains(err.Error(), "Channel not found") {
		fail("close_channel", fmt.Errorf("write after close: %v", err))
	}
	ok("close_channel then write: " + err.Error())

	if !bytes.Equal(readCapBytes(readCap), readCapBytes(writeCap.ReadCap())) {
		fail("caps", fmt.Errorf("read cap does not match the write cap"))
	}
	if err := c.Close(); err != nil {
		fail("close", err)
	}
	ok("close")
	fmt.Println("ALL OK")
}

func readCapBytes(r *bacap.ReadCap) []byte {
	b, err := r.MarshalBinary()
	if err != nil {
		fail("caps", err)
	}
	return b
}
