// Command gochannel drives the reference Go thin client (client2/thin of v0.0.70,
// identical to v0.0.71 on the client side) through the Pigeonhole flows of the
// client integration guide against a daemon (ours, on the reference testnet):
// Alice writes two messages on one connection, Bob reads them in order on
// another; Bob reads the first box again from the second replica; then the six
// resumption types of the guide, each on a channel closed and resumed from the
// fields an app persists (types 5 and 6 both with the *_query resume calls and
// with the guide's own code). One "ok <step>" line per step, then "ALL OK"; any
// failure exits non-zero. Built and run by OurDaemonChannelTest.
//
// The thin client's calls block on event channels (a lost reply, a halted
// client or a removed event drain would block them for ever), so every call
// runs in its own goroutine with a deadline, sends lost on the network are
// re-sent with the same bytes (the courier deduplicates by envelope hash), and
// a watchdog ends the whole run with a FAIL line after -timeout.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/katzenpost/hpqc/bacap"
	"github.com/katzenpost/katzenpost/client2/config"
	"github.com/katzenpost/katzenpost/client2/thin"
)

var (
	started = time.Now()
	// prepare bounds one preparation call (write_channel, read_channel, resume_*): no network, CTIDH only
	prepare = 2 * time.Minute
	// attempt bounds one send: after it the same payload is sent again
	attempt = 30 * time.Second
)

func fail(step string, err error) {
	fmt.Printf("FAIL %s after %s: %v\n", step, time.Since(started).Round(time.Second), err)
	os.Exit(1)
}

func ok(step string) { fmt.Printf("ok %s (%s)\n", step, time.Since(started).Round(time.Second)) }

var errDeadline = errors.New("no answer before the deadline")

// within runs f in a goroutine with a context that ends after d and waits at
// most d plus a grace period for it: the thin client's own event plumbing can
// block past the context (a halted client never takes a drain back), so the
// caller never waits longer than that, whatever the client does.
func within[T any](d time.Duration, f func(ctx context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := f(ctx)
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		if r.err != nil && ctx.Err() != nil {
			return r.v, errDeadline
		}
		return r.v, r.err
	case <-time.After(d + 5*time.Second):
		var zero T
		return zero, fmt.Errorf("%w (the call did not return even after its context ended)", errDeadline)
	}
}

// prep runs one preparation call; retries re-run it (only for calls that are
// safe to repeat: reads, creations, resumptions — not write_channel, which
// reserves a box).
func prep[T any](step string, retries int, f func(ctx context.Context) (T, error)) T {
	for i := 0; ; i++ {
		v, err := within(prepare, f)
		if err == nil {
			return v
		}
		if !errors.Is(err, errDeadline) || i >= retries {
			fail(step, err)
		}
		fmt.Printf("%s: %v; asking again\n", step, err)
	}
}

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
	if _, err := within(time.Minute, func(context.Context) (bool, error) { return true, c.Dial() }); err != nil {
		fail("dial", err)
	}
	return c
}

type courier struct {
	node  *[32]byte
	queue []byte
}

// sendOnce sends a prepared payload and waits up to attempt for the reply;
// lost reports no reply in time (the caller sends the same bytes again).
func sendOnce(c *thin.ThinClient, ch uint16, payload []byte, dst courier) (r []byte, lost bool, err error) {
	select {
	case <-c.HaltCh():
		return nil, false, errors.New("the thin client halted (daemon connection lost)")
	default:
	}
	r, err = within(attempt, func(ctx context.Context) ([]byte, error) {
		return c.SendChannelQueryAwaitReply(ctx, ch, payload, dst.node, dst.queue, c.NewMessageID())
	})
	if errors.Is(err, errDeadline) {
		fmt.Printf("a channel query got no reply within %s (%v); sending it again\n", attempt, err)
		return nil, true, nil
	}
	return r, false, err
}

// write sends a prepared write until the courier answered twice: an ACK for
// the first copy, the replicas' (always ACK-typed) write reply for the second.
func write(c *thin.ThinClient, ch uint16, payload []byte, dst courier, step string) {
	answers := 0
	for i := 0; i < 8 && answers < 2; i++ {
		r, lost, err := sendOnce(c, ch, payload, dst)
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
func read(c *thin.ThinClient, ch uint16, payload []byte, dst courier, step string) string {
	for i := 0; i < 12; i++ {
		r, _, err := sendOnce(c, ch, payload, dst)
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

func closeChannel(c *thin.ThinClient, ch uint16, step string) {
	if _, err := within(time.Minute, func(ctx context.Context) (bool, error) {
		return true, c.CloseChannel(ctx, ch)
	}); err != nil {
		fail(step, err)
	}
}

func writeChannel(c *thin.ThinClient, ch uint16, m, step string) *thin.WriteChannelReply {
	return prep(step, 0, func(ctx context.Context) (*thin.WriteChannelReply, error) {
		return c.WriteChannel(ctx, ch, []byte(m))
	})
}

func readChannel(c *thin.ThinClient, ch uint16, at *bacap.MessageBoxIndex, ri *uint8, step string) *thin.ReadChannelReply {
	return prep(step, 1, func(ctx context.Context) (*thin.ReadChannelReply, error) {
		return c.ReadChannel(ctx, ch, at, ri)
	})
}

func createReadChannel(c *thin.ThinClient, rc *bacap.ReadCap, step string) uint16 {
	return prep(step, 1, func(ctx context.Context) (uint16, error) { return c.CreateReadChannel(ctx, rc) })
}

func main() {
	cfgPath := flag.String("config", "thinclient.toml", "thinclient.toml of the daemon under test")
	limit := flag.Duration("timeout", 9*time.Minute, "the whole run fails after this long")
	flag.Parse()
	time.AfterFunc(*limit, func() {
		fmt.Printf("FAIL watchdog: the run did not finish within %s\n", *limit)
		os.Exit(3)
	})
	alice := dial(*cfgPath)
	bob := dial(*cfgPath)
	ok("dial")

	node, queue, err := alice.GetCourierDestination()
	if err != nil {
		fail("get_courier_destination", err)
	}
	dst := courier{node, queue}
	ok("get_courier_destination")
	stamp := fmt.Sprintf("%d", time.Now().UnixNano())
	m1, m2, m3 := "go one "+stamp, "go two "+stamp, "go three "+stamp

	// the guide's trivial example, two messages in order, and the second replica
	type created struct {
		ch uint16
		rc *bacap.ReadCap
		wc *bacap.WriteCap
	}
	cw := prep("create_write_channel", 1, func(ctx context.Context) (created, error) {
		ch, rc, wc, err := alice.CreateWriteChannel(ctx)
		return created{ch, rc, wc}, err
	})
	aCh, readCap, writeCap := cw.ch, cw.rc, cw.wc
	ok("create_write_channel")
	w1 := writeChannel(alice, aCh, m1, "write_channel 1")
	ok("write_channel 1")
	w2 := writeChannel(alice, aCh, m2, "write_channel 2")
	if string(w2.CurrentMessageIndex) != string(w1.NextMessageIndex) {
		fail("write_channel 2", fmt.Errorf("the second write does not target the next box"))
	}
	write(alice, aCh, w1.SendMessagePayload, dst, "alice writes 1")
	write(alice, aCh, w2.SendMessagePayload, dst, "alice writes 2")

	bCh := createReadChannel(bob, readCap, "create_read_channel")
	r1 := readChannel(bob, bCh, nil, nil, "read_channel 1")
	expect("bob reads 1", read(bob, bCh, r1.SendMessagePayload, dst, "bob reads 1"), m1)
	r2 := readChannel(bob, bCh, nil, nil, "read_channel 2")
	expect("bob reads 2", read(bob, bCh, r2.SendMessagePayload, dst, "bob reads 2"), m2)

	// the second replica, on its own channel: read_channel with an index moves that channel's reader
	one := uint8(1)
	bx := createReadChannel(bob, readCap, "create_read_channel x")
	r1b := readChannel(bob, bx, index(r1.CurrentMessageIndex), &one, "read_channel reply_index 1")
	if r1b.ReplyIndex == nil || *r1b.ReplyIndex != 1 {
		fail("read_channel reply_index 1", fmt.Errorf("reply_index %v", r1b.ReplyIndex))
	}
	expect("second replica", read(bob, bx, r1b.SendMessagePayload, dst, "bob reads 1 from the second replica"), m1)

	// type 6: a read prepared, channel closed, resumed from the persisted reply fields
	b2 := createReadChannel(bob, readCap, "create_read_channel 2")
	pr := readChannel(bob, b2, nil, nil, "read_channel prepared")
	closeChannel(bob, b2, "close_channel")
	b3 := prep("resume_read_channel_query", 1, func(ctx context.Context) (uint16, error) {
		return bob.ResumeReadChannelQuery(ctx, readCap, index(pr.CurrentMessageIndex), pr.ReplyIndex,
			pr.EnvelopeDescriptor, pr.EnvelopeHash)
	})
	expect("type 6", read(bob, b3, pr.SendMessagePayload, dst, "type 6: resumed read query"), m1)

	// type 5: a write prepared, channel closed, resumed from the persisted reply fields
	w3 := writeChannel(alice, aCh, m3, "write_channel 3")
	closeChannel(alice, aCh, "close_channel")
	a2 := prep("resume_write_channel_query", 1, func(ctx context.Context) (uint16, error) {
		return alice.ResumeWriteChannelQuery(ctx, writeCap, index(w3.CurrentMessageIndex), w3.EnvelopeDescriptor,
			w3.EnvelopeHash)
	})
	write(alice, a2, w3.SendMessagePayload, dst, "type 5: resumed write query")
	r3 := readChannel(bob, bCh, nil, nil, "read_channel 3")
	if string(r3.CurrentMessageIndex) != string(w3.CurrentMessageIndex) {
		fail("read_channel 3", fmt.Errorf("the reader is not at the third box"))
	}
	expect("type 5", read(bob, bCh, r3.SendMessagePayload, dst, "bob reads 3"), m3)

	// types 1 and 2 on a new channel: never written / never read, closed and resumed from the capability alone
	t1, t3 := "go type 1 "+stamp, "go type 3 "+stamp
	cw2 := prep("create_write_channel t", 1, func(ctx context.Context) (created, error) {
		ch, rc, wc, err := alice.CreateWriteChannel(ctx)
		return created{ch, rc, wc}, err
	})
	closeChannel(alice, cw2.ch, "close_channel t")
	a1 := prep("resume_write_channel", 1, func(ctx context.Context) (uint16, error) {
		return alice.ResumeWriteChannel(ctx, cw2.wc, nil)
	})
	tw1 := writeChannel(alice, a1, t1, "type 1: write_channel")
	rcBytes, err := cw2.rc.MarshalBinary()
	if err != nil {
		fail("type 1", err)
	}
	if string(tw1.CurrentMessageIndex) != string(rcBytes[len(rcBytes)-bacap.MessageBoxIndexSize:]) {
		fail("type 1", fmt.Errorf("the resumed writer does not start at the capability's first box"))
	}
	write(alice, a1, tw1.SendMessagePayload, dst, "type 1: resumed write channel")
	tb0 := createReadChannel(bob, cw2.rc, "create_read_channel t")
	closeChannel(bob, tb0, "close_channel t")
	tb1 := prep("resume_read_channel", 1, func(ctx context.Context) (uint16, error) {
		return bob.ResumeReadChannel(ctx, cw2.rc, nil, nil)
	})
	tr1 := readChannel(bob, tb1, nil, nil, "type 2: read_channel")
	expect("type 2", read(bob, tb1, tr1.SendMessagePayload, dst, "type 2: resumed read channel"), t1)

	// type 3: write after a sent query, resumed at the persisted next_message_index
	closeChannel(alice, a1, "close_channel t3")
	a3 := prep("resume_write_channel next", 1, func(ctx context.Context) (uint16, error) {
		return alice.ResumeWriteChannel(ctx, cw2.wc, index(tw1.NextMessageIndex))
	})
	tw3 := writeChannel(alice, a3, t3, "type 3: write_channel")
	if string(tw3.CurrentMessageIndex) != string(tw1.NextMessageIndex) {
		fail("type 3", fmt.Errorf("the resumed writer does not continue at the persisted next index"))
	}
	write(alice, a3, tw3.SendMessagePayload, dst, "type 3: resumed write channel")

	// type 4: read after a sent query, resumed at the persisted next_message_index
	closeChannel(bob, tb1, "close_channel t4")
	tb4 := prep("resume_read_channel next", 1, func(ctx context.Context) (uint16, error) {
		return bob.ResumeReadChannel(ctx, cw2.rc, index(tr1.NextMessageIndex), tr1.ReplyIndex)
	})
	tr4 := readChannel(bob, tb4, nil, nil, "type 4: read_channel")
	if string(tr4.CurrentMessageIndex) != string(tr1.NextMessageIndex) {
		fail("type 4", fmt.Errorf("the resumed reader does not continue at the persisted next index"))
	}
	expect("type 4", read(bob, tb4, tr4.SendMessagePayload, dst, "type 4: resumed read channel"), t3)

	// types 5 and 6 once more with the guide's own code: the channel resumed with
	// resume_write_channel / resume_read_channel at the reply's next_message_index, then the
	// persisted payload of the prepared query sent on the new channel
	g5, g6 := "go guide type 5 "+stamp, "go guide type 6 "+stamp
	gw5 := writeChannel(alice, a3, g5, "guide type 5: write_channel")
	closeChannel(alice, a3, "close_channel g5")
	a5 := prep("guide type 5: resume_write_channel", 1, func(ctx context.Context) (uint16, error) {
		return alice.ResumeWriteChannel(ctx, cw2.wc, index(gw5.NextMessageIndex))
	})
	write(alice, a5, gw5.SendMessagePayload, dst, "guide type 5: persisted payload on the resumed channel")
	gr5 := readChannel(bob, tb4, nil, nil, "guide type 5: read_channel")
	expect("guide type 5", read(bob, tb4, gr5.SendMessagePayload, dst, "guide type 5: bob reads"), g5)
	gw6 := writeChannel(alice, a5, g6, "guide type 6: write_channel")
	write(alice, a5, gw6.SendMessagePayload, dst, "guide type 6: alice writes")
	gr6 := readChannel(bob, tb4, nil, nil, "guide type 6: read_channel")
	if string(gr6.CurrentMessageIndex) != string(gw6.CurrentMessageIndex) {
		fail("guide type 6", fmt.Errorf("the reader is not at the written box"))
	}
	closeChannel(bob, tb4, "close_channel g6")
	b6 := prep("guide type 6: resume_read_channel", 1, func(ctx context.Context) (uint16, error) {
		return bob.ResumeReadChannel(ctx, cw2.rc, index(gr6.NextMessageIndex), gr6.ReplyIndex)
	})
	expect("guide type 6", read(bob, b6, gr6.SendMessagePayload, dst, "guide type 6: persisted payload on the resumed channel"), g6)

	// no Close: the v0.0.70 client closes its event channel under its reader goroutine
	fmt.Printf("ALL OK in %s\n", time.Since(started).Round(time.Second))
	os.Exit(0)
}
