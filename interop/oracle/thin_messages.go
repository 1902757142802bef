package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/katzenpost/hpqc/bacap"
	"github.com/katzenpost/katzenpost/client2/thin"
)

// Vectors for the thin-client protocol: every request and response body of the
// reference's client2/thin package, marshalled with the package-level default
// cbor.Marshal exactly as the Go daemon and Go thin client do, both on its own
// and wrapped in the full Request/Response envelope. Field values come from a
// fixed byte pattern (thinPat) that the Java tests rebuild, so the Java side can
// construct each value independently and compare bytes.

func thinPat(seed byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i*7)
	}
	return b
}

func thinID16(seed byte) *[16]byte {
	var a [16]byte
	copy(a[:], thinPat(seed, 16))
	return &a
}

func thinHash(seed byte) *[32]byte {
	var a [32]byte
	copy(a[:], thinPat(seed, 32))
	return &a
}

func thinReadCap(seed byte) *bacap.ReadCap {
	c := &bacap.ReadCap{}
	if err := c.UnmarshalBinary(thinPat(seed, bacap.ReadCapSize)); err != nil {
		panic(err)
	}
	return c
}

func thinWriteCap(seed byte) *bacap.WriteCap {
	c := &bacap.WriteCap{}
	if err := c.UnmarshalBinary(thinPat(seed, bacap.WriteCapSize)); err != nil {
		panic(err)
	}
	return c
}

func thinIndex(seed byte) *bacap.MessageBoxIndex {
	m := &bacap.MessageBoxIndex{}
	if err := m.UnmarshalBinary(thinPat(seed, bacap.MessageBoxIndexSize)); err != nil {
		panic(err)
	}
	return m
}

func u8p(v uint8) *uint8    { return &v }
func u16p(v uint16) *uint16 { return &v }

// thinSentAt is the timestamp used by every event vector (2025-09-21T20:17:08Z).
var thinSentAt = time.Unix(1758485828, 0)

type thinCase struct {
	Name  string   `json:"name"`
	Key   string   `json:"key,omitempty"`
	Body  hexBytes `json:"body,omitempty"`
	Frame hexBytes `json:"frame"`
}

type thinVectors struct {
	Comment   string     `json:"comment"`
	Requests  []thinCase `json:"requests"`
	Responses []thinCase `json:"responses"`
}

type thinReqCase struct {
	name, key string
	body      any
	req       thin.Request
}

type thinRespCase struct {
	name, key string
	body      any
	resp      thin.Response
}

func thinRequestCases() []thinReqCase {
	var cs []thinReqCase
	add := func(name, key string, body any, req thin.Request) {
		cs = append(cs, thinReqCase{name, key, body, req})
	}
	{
		b := &thin.CreateWriteChannel{QueryID: thinID16(1)}
		add("create_write_channel", "create_write_channel", b, thin.Request{CreateWriteChannel: b})
	}
	{
		b := &thin.CreateWriteChannel{}
		add("create_write_channel_null_query", "create_write_channel", b, thin.Request{CreateWriteChannel: b})
	}
	{
		b := &thin.CreateReadChannel{QueryID: thinID16(2), ReadCap: thinReadCap(3)}
		add("create_read_channel", "create_read_channel", b, thin.Request{CreateReadChannel: b})
	}
	{
		b := &thin.WriteChannel{QueryID: thinID16(4), ChannelID: 300, Payload: thinPat(5, 20)}
		add("write_channel", "write_channel", b, thin.Request{WriteChannel: b})
	}
	{
		b := &thin.WriteChannel{QueryID: thinID16(4), ChannelID: 65535, Payload: []byte{}}
		add("write_channel_empty_payload", "write_channel", b, thin.Request{WriteChannel: b})
	}
	{
		b := &thin.WriteChannel{ChannelID: 23}
		add("write_channel_nulls", "write_channel", b, thin.Request{WriteChannel: b})
	}
	{
		b := &thin.ReadChannel{ChannelID: 7, QueryID: thinID16(6)}
		add("read_channel", "read_channel", b, thin.Request{ReadChannel: b})
	}
	{
		b := &thin.ReadChannel{ChannelID: 65535, QueryID: thinID16(6), MessageBoxIndex: thinIndex(7), ReplyIndex: u8p(1)}
		add("read_channel_index_reply1", "read_channel", b, thin.Request{ReadChannel: b})
	}
	{
		b := &thin.ReadChannel{ChannelID: 24, QueryID: thinID16(6), ReplyIndex: u8p(0)}
		add("read_channel_reply0", "read_channel", b, thin.Request{ReadChannel: b})
	}
	{
		b := &thin.ResumeWriteChannel{QueryID: thinID16(8), WriteCap: thinWriteCap(9), MessageBoxIndex: thinIndex(10)}
		add("resume_write_channel", "resume_write_channel", b, thin.Request{ResumeWriteChannel: b})
	}
	{
		b := &thin.ResumeWriteChannel{QueryID: thinID16(8), WriteCap: thinWriteCap(9)}
		add("resume_write_channel_no_index", "resume_write_channel", b, thin.Request{ResumeWriteChannel: b})
	}
	{
		b := &thin.ResumeWriteChannel{}
		add("resume_write_channel_empty", "resume_write_channel", b, thin.Request{ResumeWriteChannel: b})
	}
	{
		b := &thin.ResumeWriteChannelQuery{QueryID: thinID16(11), WriteCap: thinWriteCap(12), MessageBoxIndex: thinIndex(13),
			EnvelopeDescriptor: thinPat(14, 42), EnvelopeHash: thinHash(15)}
		add("resume_write_channel_query", "resume_write_channel_query", b, thin.Request{ResumeWriteChannelQuery: b})
	}
	{
		b := &thin.ResumeReadChannel{QueryID: thinID16(16), ReadCap: thinReadCap(17)}
		add("resume_read_channel", "resume_read_channel", b, thin.Request{ResumeReadChannel: b})
	}
	{
		b := &thin.ResumeReadChannel{QueryID: thinID16(16), ReadCap: thinReadCap(17), NextMessageIndex: thinIndex(18), ReplyIndex: u8p(1)}
		add("resume_read_channel_full", "resume_read_channel", b, thin.Request{ResumeReadChannel: b})
	}
	{
		b := &thin.ResumeReadChannelQuery{QueryID: thinID16(19), ReadCap: thinReadCap(20), NextMessageIndex: thinIndex(21),
			ReplyIndex: u8p(0), EnvelopeDescriptor: thinPat(22, 42), EnvelopeHash: thinHash(23)}
		add("resume_read_channel_query", "resume_read_channel_query", b, thin.Request{ResumeReadChannelQuery: b})
	}
	{
		b := &thin.ResumeReadChannelQuery{QueryID: thinID16(19)}
		add("resume_read_channel_query_nulls", "resume_read_channel_query", b, thin.Request{ResumeReadChannelQuery: b})
	}
	{
		b := &thin.CloseChannel{ChannelID: 65535}
		add("close_channel", "close_channel", b, thin.Request{CloseChannel: b})
	}
	{
		b := &thin.CloseChannel{ChannelID: 5}
		add("close_channel_small", "close_channel", b, thin.Request{CloseChannel: b})
	}
	{
		b := &thin.ThinClose{}
		add("thin_close", "thin_close", b, thin.Request{ThinClose: b})
	}
	{
		b := &thin.SendChannelQuery{MessageID: thinID16(24), ChannelID: u16p(300), DestinationIdHash: thinHash(25),
			RecipientQueueID: []byte("courier"), Payload: thinPat(26, 50)}
		add("send_channel_query", "send_channel_query", b, thin.Request{SendChannelQuery: b})
	}
	{
		b := &thin.SendChannelQuery{MessageID: thinID16(24), DestinationIdHash: thinHash(25), RecipientQueueID: []byte("courier"), Payload: []byte{}}
		add("send_channel_query_no_channel", "send_channel_query", b, thin.Request{SendChannelQuery: b})
	}
	{
		b := &thin.SendMessage{WithSURB: true, SURBID: thinID16(27), DestinationIdHash: thinHash(28), RecipientQueueID: []byte("echo"), Payload: thinPat(29, 33)}
		add("send_message_with_surb", "send_message", b, thin.Request{SendMessage: b})
	}
	{
		b := &thin.SendMessage{ID: thinID16(30), WithSURB: false, DestinationIdHash: thinHash(28), RecipientQueueID: []byte("echo"), Payload: thinPat(29, 1)}
		add("send_message_without_surb", "send_message", b, thin.Request{SendMessage: b})
	}
	{
		b := &thin.SendARQMessage{ID: thinID16(31), WithSURB: true, DestinationIdHash: thinHash(32), RecipientQueueID: []byte("echo"), Payload: thinPat(33, 40)}
		add("send_arq_message", "send_arq_message", b, thin.Request{SendARQMessage: b})
	}
	return cs
}

func thinResponseCases() []thinRespCase {
	var cs []thinRespCase
	add := func(name, key string, body any, resp thin.Response) {
		cs = append(cs, thinRespCase{name, key, body, resp})
	}
	add("all_null", "", nil, thin.Response{})
	{
		b := &thin.ShutdownEvent{}
		add("shutdown_event", "shudown_event", b, thin.Response{ShutdownEvent: b})
	}
	{
		b := &thin.ConnectionStatusEvent{IsConnected: true}
		add("connection_status_connected", "connection_status_event", b, thin.Response{ConnectionStatusEvent: b})
	}
	{
		b := &thin.ConnectionStatusEvent{IsConnected: false}
		add("connection_status_disconnected", "connection_status_event", b, thin.Response{ConnectionStatusEvent: b})
	}
	{
		b := &thin.NewPKIDocumentEvent{Payload: thinPat(34, 300)}
		add("new_pki_document_event", "new_pki_document_event", b, thin.Response{NewPKIDocumentEvent: b})
	}
	{
		b := &thin.MessageSentEvent{SURBID: thinID16(35), SentAt: thinSentAt, ReplyETA: 1179 * time.Millisecond}
		add("message_sent_event", "message_sent_event", b, thin.Response{MessageSentEvent: b})
	}
	{
		b := &thin.MessageSentEvent{MessageID: thinID16(36), SURBID: thinID16(35), SentAt: thinSentAt,
			Err: "client/conn: not connected to the Gateway"}
		add("message_sent_event_error", "message_sent_event", b, thin.Response{MessageSentEvent: b})
	}
	{
		b := &thin.MessageSentEvent{}
		add("message_sent_event_zero", "message_sent_event", b, thin.Response{MessageSentEvent: b})
	}
	{
		b := &thin.MessageReplyEvent{MessageID: thinID16(37), SURBID: thinID16(38), Payload: thinPat(39, 64)}
		add("message_reply_event", "message_reply_event", b, thin.Response{MessageReplyEvent: b})
	}
	{
		b := &thin.MessageReplyEvent{MessageID: thinID16(40), Payload: thinPat(41, 10), ReplyIndex: u8p(1)}
		add("message_reply_event_reply_index", "message_reply_event", b, thin.Response{MessageReplyEvent: b})
	}
	{
		b := &thin.MessageReplyEvent{MessageID: thinID16(40), SURBID: thinID16(38), Payload: []byte{}, ReplyIndex: u8p(0), ErrorCode: 5}
		add("message_reply_event_error", "message_reply_event", b, thin.Response{MessageReplyEvent: b})
	}
	{
		b := &thin.MessageIDGarbageCollected{MessageID: thinID16(42)}
		add("message_id_garbage_collected", "message_id_garbage_collected", b, thin.Response{MessageIDGarbageCollected: b})
	}
	{
		b := &thin.CreateWriteChannelReply{QueryID: thinID16(43), ChannelID: 4660, ReadCap: thinReadCap(44), WriteCap: thinWriteCap(45)}
		add("create_write_channel_reply", "create_write_channel_reply", b, thin.Response{CreateWriteChannelReply: b})
	}
	{
		b := &thin.CreateWriteChannelReply{ErrorCode: 19}
		add("create_write_channel_reply_error", "create_write_channel_reply", b, thin.Response{CreateWriteChannelReply: b})
	}
	{
		b := &thin.CreateReadChannelReply{QueryID: thinID16(46), ChannelID: 65535}
		add("create_read_channel_reply", "create_read_channel_reply", b, thin.Response{CreateReadChannelReply: b})
	}
	{
		b := &thin.CreateReadChannelReply{ErrorCode: 3}
		add("create_read_channel_reply_error", "create_read_channel_reply", b, thin.Response{CreateReadChannelReply: b})
	}
	{
		b := &thin.WriteChannelReply{QueryID: thinID16(47), ChannelID: 300, SendMessagePayload: thinPat(48, 80),
			CurrentMessageIndex: thinPat(49, 104), NextMessageIndex: thinPat(50, 104), EnvelopeHash: thinHash(51),
			EnvelopeDescriptor: thinPat(52, 42)}
		add("write_channel_reply", "write_channel_reply", b, thin.Response{WriteChannelReply: b})
	}
	{
		b := &thin.WriteChannelReply{QueryID: thinID16(47), ChannelID: 300, SendMessagePayload: []byte{},
			CurrentMessageIndex: []byte{}, NextMessageIndex: []byte{}, EnvelopeHash: &[32]byte{},
			EnvelopeDescriptor: []byte{}, ErrorCode: 7}
		add("write_channel_reply_error", "write_channel_reply", b, thin.Response{WriteChannelReply: b})
	}
	{
		b := &thin.ReadChannelReply{QueryID: thinID16(53), ChannelID: 17, SendMessagePayload: thinPat(54, 80),
			CurrentMessageIndex: thinPat(55, 104), NextMessageIndex: thinPat(56, 104), ReplyIndex: u8p(1),
			EnvelopeHash: thinHash(57), EnvelopeDescriptor: thinPat(58, 42)}
		add("read_channel_reply", "read_channel_reply", b, thin.Response{ReadChannelReply: b})
	}
	{
		b := &thin.ReadChannelReply{QueryID: thinID16(53), ChannelID: 17, ErrorCode: 6, SendMessagePayload: []byte{},
			CurrentMessageIndex: []byte{}, NextMessageIndex: []byte{}, EnvelopeHash: &[32]byte{}, EnvelopeDescriptor: []byte{}}
		add("read_channel_reply_error", "read_channel_reply", b, thin.Response{ReadChannelReply: b})
	}
	{
		b := &thin.ResumeWriteChannelReply{QueryID: thinID16(59), ChannelID: 1}
		add("resume_write_channel_reply", "resume_write_channel_reply", b, thin.Response{ResumeWriteChannelReply: b})
	}
	{
		b := &thin.ResumeWriteChannelQueryReply{QueryID: thinID16(60), ChannelID: 256}
		add("resume_write_channel_query_reply", "resume_write_channel_query_reply", b, thin.Response{ResumeWriteChannelQueryReply: b})
	}
	{
		b := &thin.ResumeReadChannelReply{QueryID: thinID16(61), ChannelID: 255, ErrorCode: 17}
		add("resume_read_channel_reply", "resume_read_channel_reply", b, thin.Response{ResumeReadChannelReply: b})
	}
	{
		b := &thin.ResumeReadChannelQueryReply{ChannelID: 0, ErrorCode: 4}
		add("resume_read_channel_query_reply", "resume_read_channel_query_reply", b, thin.Response{ResumeReadChannelQueryReply: b})
	}
	{
		b := &thin.ChannelQuerySentEvent{MessageID: thinID16(62), SentAt: thinSentAt, ReplyETA: 1179 * time.Millisecond}
		add("channel_query_sent_event", "channel_query_sent_event", b, thin.Response{ChannelQuerySentEvent: b})
	}
	{
		b := &thin.ChannelQuerySentEvent{MessageID: thinID16(62), ErrorCode: 3}
		add("channel_query_sent_event_error", "channel_query_sent_event", b, thin.Response{ChannelQuerySentEvent: b})
	}
	{
		b := &thin.ChannelQueryReplyEvent{MessageID: thinID16(63), Payload: thinPat(64, 90), ReplyIndex: u8p(1)}
		add("channel_query_reply_event", "channel_query_reply_event", b, thin.Response{ChannelQueryReplyEvent: b})
	}
	{
		b := &thin.ChannelQueryReplyEvent{MessageID: thinID16(63), Payload: []byte{}}
		add("channel_query_reply_event_ack", "channel_query_reply_event", b, thin.Response{ChannelQueryReplyEvent: b})
	}
	{
		b := &thin.ChannelQueryReplyEvent{MessageID: thinID16(63), ErrorCode: 4}
		add("channel_query_reply_event_internal_error", "channel_query_reply_event", b, thin.Response{ChannelQueryReplyEvent: b})
	}
	return cs
}

func thinGenerate() (any, error) {
	out := thinVectors{Comment: "client2/thin v0.0.70 types, default cbor.Marshal; frame = Request/Response envelope without the 4-byte length prefix; values from thinPat(seed, n)[i] = seed + 7*i"}
	for _, c := range thinRequestCases() {
		body, err := cbor.Marshal(c.body)
		if err != nil {
			return nil, err
		}
		frame, err := cbor.Marshal(&c.req)
		if err != nil {
			return nil, err
		}
		out.Requests = append(out.Requests, thinCase{Name: c.name, Key: c.key, Body: body, Frame: frame})
	}
	for _, c := range thinResponseCases() {
		var body []byte
		if c.body != nil {
			b, err := cbor.Marshal(c.body)
			if err != nil {
				return nil, err
			}
			body = b
		}
		frame, err := cbor.Marshal(&c.resp)
		if err != nil {
			return nil, err
		}
		out.Responses = append(out.Responses, thinCase{Name: c.name, Key: c.key, Body: body, Frame: frame})
	}
	return out, nil
}

// Java→Go: Java writes {"requests":[{name, frame, expect}], "responses":[…]};
// each frame must decode with the reference types and re-marshal to expect
// (the Go-shaped envelope of the same value).
type thinJavaCase struct {
	Name   string   `json:"name"`
	Frame  hexBytes `json:"frame"`
	Expect hexBytes `json:"expect"`
}

type thinJavaFile struct {
	Requests  []thinJavaCase `json:"requests"`
	Responses []thinJavaCase `json:"responses"`
}

func thinVerify(data []byte) error {
	var f thinJavaFile
	if err := json.Unmarshal(data, &f); err != nil {
		return err
	}
	if len(f.Requests) == 0 || len(f.Responses) == 0 {
		return fmt.Errorf("no cases")
	}
	for _, c := range f.Requests {
		var r thin.Request
		if err := cbor.Unmarshal(c.Frame, &r); err != nil {
			return fmt.Errorf("request %s: Go cannot decode %s: %w", c.Name, hex.EncodeToString(c.Frame), err)
		}
		again, err := cbor.Marshal(&r)
		if err != nil {
			return fmt.Errorf("request %s: %w", c.Name, err)
		}
		if !bytes.Equal(again, c.Expect) {
			return fmt.Errorf("request %s: Go decoded to %x, want %x", c.Name, again, []byte(c.Expect))
		}
	}
	for _, c := range f.Responses {
		var r thin.Response
		if err := cbor.Unmarshal(c.Frame, &r); err != nil {
			return fmt.Errorf("response %s: Go cannot decode: %w", c.Name, err)
		}
		again, err := cbor.Marshal(&r)
		if err != nil {
			return fmt.Errorf("response %s: %w", c.Name, err)
		}
		if !bytes.Equal(again, c.Expect) {
			return fmt.Errorf("response %s: Go decoded to %x, want %x", c.Name, again, []byte(c.Expect))
		}
	}
	fmt.Printf("thin/frames: %d requests and %d responses decoded by client2/thin\n", len(f.Requests), len(f.Responses))
	return nil
}

func init() {
	registerVectors(VectorSet{
		Name:     "thin/messages",
		Path:     "thin-client/src/test/resources/vectors/thin_messages.json",
		Generate: thinGenerate,
	})
	registerVerifier("thin/frames", thinVerify)
}
