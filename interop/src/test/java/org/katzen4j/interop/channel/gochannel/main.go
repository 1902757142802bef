// Command gochannel drives the reference Go thin client (client2/thin of v0.0.70,
// identical to v0.0.71 on the client side) through the Pigeonhole flows of the
// client integration guide against a daemon (ours, on the reference testnet):
// Alice writes two messages on one connection, Bob reads them in order on
// another; Bob reads the first box again from the second replica; a read and a
// write prepared, then their channels closed and resumed from the persisted
// reply fields (resumption types 6 and 5). One "ok <step>" line per step, then
// "ALL OK"; any failure exits non-zero. Built and run by OurDaemonChannelTest.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
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

func dial(path string) *thin.ThinClient {
	cfg, err := thin.LoadFile(path)
	if err != nil {
		fail("load", err)
	}
	level := os.Getenv("GOCHANNEL_LOG")
	if level == "" {
		level = "ERROR"
	}
	c := thin.NewThinClient(cfg, &config.Logging{Level: level})
	if err := c.Dial(); err != nil {
		fail("dial", err)
	}
	return c
}

type courier struct {
	node  *[32]byte
	queue []byte
}

// sendOnce sends a prepared payload and waits up to 30 s for the reply; timedOut
// reports a lost packet (re-sending the same bytes is safe: the courier dedups).
func sendOnce(ctx context.Context, c *thin.ThinClient, ch uint16, payload []byte, dst courier) (r []byte, timedOut bool, err error) {
	actx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	r, err = c.SendChannelQueryAwaitReply(actx, ch, payload, dst.node, dst.queue, c.NewMessageID())
	if err != nil && actx.Err() != nil && ctx.Err() == nil {
		fmt.Println("a channel query got no reply within 30 s; sending it again")
		return nil, true, nil
	}
	return r, false, err
}

// write sends a prepared write until the courier answered twice: an ACK for
// the first copy, the replicas' (always ACK-typed) write reply for the second.
func write(ctx context.Context, c *thin.ThinClient, ch uint16, payload []byte, dst courier, step string) {
	answers := 0
	for i := 0; i < 8 && answers < 2; i++ {
		r, lost, err := sendOnce(ctx, c, ch, payload, dst)
		if err != nil || len(r) != 0 {
			fail(step, fmt.Errorf("send %d: %q %v", i, r, err))
		}
		if !lost {
			answers++
		}
	}
	if answers < 2 {
		fail(step, fmt.Errorf("only %d answers", answers))
	}
	ok(step)
}

// read sends a prepared read until a non-empty payload arrives.
func read(ctx context.Context, c *thin.ThinClient, ch uint16, payload []byte, dst courier, step string) string {
	for i := 0; i < 12; i++ {
		r, _, err := sendOnce(ctx, c, ch, payload, dst)
		if err != nil {
			fail(step, err)
		}
		if len(r) > 0 {
			ok(step)
			return string(r)
		}
		time.Sleep(time.Second)
	}
	fail(step, fmt.Errorf("nothing read"))
	return ""
}

func expect(step, got, want string) {
	if got != want {
		fail(step, fmt.Errorf("got %q, want %q", got, want))
	}
}

func main() {
	cfgPath := flag.String("config", "thinclient.toml", "thinclient.toml of the daemon under test")
	flag.Parse()
	alice := dial(*cfgPath)
	bob := dial(*cfgPath)
	ok("dial")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()

	node, queue, err := alice.GetCourierDestination()
	if err != nil {
		fail("get_courier_destination", err)
	}
	dst := courier{node, queue}
	ok("get_courier_destination")
	stamp := fmt.Sprintf("%d", time.Now().UnixNano())
	m1, m2, m3 := "go one "+stamp, "go two "+stamp, "go three "+stamp

	aCh, readCap, writeCap, err := alice.CreateWriteChannel(ctx)
	if err != nil {
		fail("create_write_channel", err)
	}
	ok("create_write_channel")
	w1, err := alice.WriteChannel(ctx, aCh, []byte(m1))
	if err != nil {
		fail("write_channel 1", err)
	}
	ok("write_channel 1")
	w2, err := alice.WriteChannel(ctx, aCh, []byte(m2))
	if err != nil {
		fail("write_channel 2", err)
	}
	if string(w2.CurrentMessageIndex) != string(w1.NextMessageIndex) {
		fail("write_channel 2", fmt.Errorf("the second write does not target the next box"))
	}
	write(ctx, alice, aCh, w1.SendMessagePayload, dst, "alice writes 1")
	write(ctx, alice, aCh, w2.SendMessagePayload, dst, "alice writes 2")

	bCh, err := bob.CreateReadChannel(ctx, readCap)
	if err != nil {
		fail("create_read_channel", err)
	}
	r1, err := bob.ReadChannel(ctx, bCh, nil, nil)
	if err != nil {
		fail("read_channel 1", err)
	}
	expect("bob reads 1", read(ctx, bob, bCh, r1.SendMessagePayload, dst, "bob reads 1"), m1)
	r2, err := bob.ReadChannel(ctx, bCh, nil, nil)
	if err != nil {
		fail("read_channel 2", err)
	}
	expect("bob reads 2", read(ctx, bob, bCh, r2.SendMessagePayload, dst, "bob reads 2"), m2)

	// the second replica, on its own channel: read_channel with an index moves that channel's reader
	one := uint8(1)
	bx, err := bob.CreateReadChannel(ctx, readCap)
	if err != nil {
		fail("create_read_channel x", err)
	}
	r1b, err := bob.ReadChannel(ctx, bx, index(r1.CurrentMessageIndex), &one)
	if err != nil || r1b.ReplyIndex == nil || *r1b.ReplyIndex != 1 {
		fail("read_channel reply_index 1", fmt.Errorf("%+v %v", r1b, err))
	}
	expect("second replica", read(ctx, bob, bx, r1b.SendMessagePayload, dst, "bob reads 1 from the second replica"), m1)

	// type 6: a read prepared, channel closed, resumed from the persisted reply fields
	b2, err := bob.CreateReadChannel(ctx, readCap)
	if err != nil {
		fail("create_read_channel 2", err)
	}
	pr, err := bob.ReadChannel(ctx, b2, nil, nil)
	if err != nil {
		fail("read_channel prepared", err)
	}
	if err := bob.CloseChannel(ctx, b2); err != nil {
		fail("close_channel", err)
	}
	b3, err := bob.ResumeReadChannelQuery(ctx, readCap, index(pr.CurrentMessageIndex), pr.ReplyIndex,
		pr.EnvelopeDescriptor, pr.EnvelopeHash)
	if err != nil {
		fail("resume_read_channel_query", err)
	}
	expect("type 6", read(ctx, bob, b3, pr.SendMessagePayload, dst, "resumed read query"), m1)

	// type 5: a write prepared, channel closed, resumed from the persisted reply fields
	w3, err := alice.WriteChannel(ctx, aCh, []byte(m3))
	if err != nil {
		fail("write_channel 3", err)
	}
	if err := alice.CloseChannel(ctx, aCh); err != nil {
		fail("close_channel", err)
	}
	a2, err := alice.ResumeWriteChannelQuery(ctx, writeCap, index(w3.CurrentMessageIndex), w3.EnvelopeDescriptor,
		w3.EnvelopeHash)
	if err != nil {
		fail("resume_write_channel_query", err)
	}
	write(ctx, alice, a2, w3.SendMessagePayload, dst, "resumed write query")
	r3, err := bob.ReadChannel(ctx, bCh, nil, nil)
	if err != nil {
		fail("read_channel 3", err)
	}
	if string(r3.CurrentMessageIndex) != string(w3.CurrentMessageIndex) {
		fail("read_channel 3", fmt.Errorf("the reader is not at the third box"))
	}
	expect("type 5", read(ctx, bob, bCh, r3.SendMessagePayload, dst, "bob reads 3"), m3)

	alice.Close()
	bob.Close()
	fmt.Println("ALL OK")
}
