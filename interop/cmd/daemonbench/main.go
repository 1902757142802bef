// Command daemonbench measures whole-daemon figures of two thin-client daemons side by side
// (katzen4j's kpclientd and the reference kpclientd) with one and the same client: this program,
// which speaks the thin protocol with the reference's own types (client2/thin of v0.0.70) and, for
// the app connections, the reference Go thin client itself.
//
// One invocation is one round. For each daemon (in the order given by -order) it starts the
// daemon process and times the cold start; then, interleaving the two daemons step by step, it
// measures:
//
//   - cold start: process start until a thin-client connection receives a new_pki_document_event
//     (polling connects every 10 ms);
//   - handshake round trip: TCP connect until the second initial frame (connection status + PKI
//     document, both answered from daemon state) has been read completely, then thin_close;
//   - reference Dial: thin.NewThinClient + Dial (which also parses the document) + Close;
//   - create_write_channel round trip through the reference thin client (the reference daemon
//     queues it behind a Poisson tick; see the protocol map §7.4);
//   - send-queue acceptance: a burst of send_message requests (with_surb false, surbid set so the
//     reference daemon does not dereference a nil SURB id) written back to back; the time until the
//     daemon has read every byte from its socket (client send queue and daemon receive queue empty
//     in /proc/net/tcp) and the daemon's CPU time over that interval (sum over its threads of
//     /proc/PID/task/*/schedstat);
//   - RSS (/proc/PID/status VmRSS) with 0, then 1, 100, 1000 connected apps (reference thin
//     clients that completed Dial), after a settling pause.
//
// It stops both daemons (SIGTERM, SIGKILL after 10 s) and prints one JSON object on stdout.
// Diagnostics go to stderr. A failed step is recorded in "errors" and the round goes on.
package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/fxamacker/cbor/v2"
	"github.com/katzenpost/hpqc/hash"
	"github.com/katzenpost/katzenpost/client2/config"
	"github.com/katzenpost/katzenpost/client2/thin"
)

type daemonSpec struct {
	Name string
	Cmd  []string
	Addr string // 127.0.0.1:port
}

type daemonRun struct {
	spec   daemonSpec
	cmd    *exec.Cmd
	pid    int
	exited chan struct{}

	ColdStartMs   float64          `json:"cold_start_ms"`
	ListenMs      float64          `json:"listen_ms"`
	HandshakeUs   []float64        `json:"handshake_us"`
	DialUs        []float64        `json:"dial_us"`
	CreateChanUs  []float64        `json:"create_write_channel_us"`
	BurstN        int              `json:"burst_n"`
	BurstWallUs   []float64        `json:"burst_wall_us"`
	BurstCPUUs    []float64        `json:"burst_cpu_us"`
	BurstWriteUs  []float64        `json:"burst_write_us"`
	Restarts      int              `json:"restarts"`
	RSSKb         map[string]int64 `json:"rss_kb"`
	AnonKb        map[string]int64 `json:"rss_anon_kb"`
	ThreadsAtApps map[string]int   `json:"threads"`
	Errors        []string         `json:"errors"`
	Cmdline       string           `json:"cmdline"`
}

func logf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "daemonbench %s "+format+"\n", append([]any{time.Now().Format("15:04:05.000")}, a...)...)
}

func (d *daemonRun) fail(step string, err error) {
	msg := fmt.Sprintf("%s: %v", step, err)
	logf("%s: %s", d.spec.Name, msg)
	d.Errors = append(d.Errors, msg)
}

// ---- frames --------------------------------------------------------------------------------

func writeFrame(w io.Writer, body []byte) error {
	buf := make([]byte, 4+len(body))
	binary.BigEndian.PutUint32(buf, uint32(len(body)))
	copy(buf[4:], body)
	_, err := w.Write(buf)
	return err
}

func readFrame(r io.Reader) ([]byte, error) {
	var p [4]byte
	if _, err := io.ReadFull(r, p[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(p[:])
	if n > 64<<20 {
		return nil, fmt.Errorf("frame of %d bytes", n)
	}
	b := make([]byte, n)
	_, err := io.ReadFull(r, b)
	return b, err
}

var thinCloseFrame = func() []byte {
	b, err := cbor.Marshal(&thin.Request{ThinClose: &thin.ThinClose{}})
	if err != nil {
		panic(err)
	}
	return b
}()

// ---- process helpers -----------------------------------------------------------------------

func (d *daemonRun) start(logDir string) error {
	c := exec.Command(d.spec.Cmd[0], d.spec.Cmd[1:]...)
	f, err := os.OpenFile(filepath.Join(logDir, d.spec.Name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	c.Stdout, c.Stderr = f, f
	c.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := c.Start(); err != nil {
		f.Close()
		return err
	}
	d.cmd, d.pid = c, c.Process.Pid
	d.exited = make(chan struct{})
	go func() { c.Wait(); f.Close(); close(d.exited) }()
	return nil
}

func (d *daemonRun) stop() {
	if d.cmd == nil {
		return
	}
	select {
	case <-d.exited:
		return
	default:
	}
	// the process group holds only the daemon (bin/kpclientd execs the JVM)
	syscall.Kill(-d.pid, syscall.SIGTERM)
	select {
	case <-d.exited:
	case <-time.After(10 * time.Second):
		logf("%s: no exit 10 s after SIGTERM, SIGKILL", d.spec.Name)
		syscall.Kill(-d.pid, syscall.SIGKILL)
		<-d.exited
	}
}

func (d *daemonRun) alive() bool {
	select {
	case <-d.exited:
		return false
	default:
		return true
	}
}

func rssKb(pid int) (int64, error) { return statusKb(pid, "VmRSS:") }

func statusKb(pid int, key string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, key) {
			f := strings.Fields(l)
			return strconv.ParseInt(f[1], 10, 64)
		}
	}
	return 0, errors.New("no VmRSS")
}

func threads(pid int) int {
	e, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	return len(e)
}

// cpuNs is the CPU time of every thread of pid (first field of schedstat, ns on CPU).
func cpuNs(pid int) int64 {
	dir := fmt.Sprintf("/proc/%d/task", pid)
	e, _ := os.ReadDir(dir)
	var sum int64
	for _, t := range e {
		b, err := os.ReadFile(filepath.Join(dir, t.Name(), "schedstat"))
		if err != nil {
			continue
		}
		f := strings.Fields(string(b))
		if len(f) > 0 {
			v, _ := strconv.ParseInt(f[0], 10, 64)
			sum += v
		}
	}
	return sum
}

// ---- cold start ----------------------------------------------------------------------------

// awaitDocument connects and reads frames until a new_pki_document_event with a payload.
func awaitDocument(addr string, deadline time.Time) error {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.SetReadDeadline(deadline)
	for {
		b, err := readFrame(conn)
		if err != nil {
			return err
		}
		var r thin.Response
		if err := cbor.Unmarshal(b, &r); err != nil {
			return err
		}
		if r.NewPKIDocumentEvent != nil && len(r.NewPKIDocumentEvent.Payload) > 0 {
			writeFrame(conn, thinCloseFrame)
			return nil
		}
	}
}

func (d *daemonRun) coldStart(logDir string, timeout time.Duration) bool {
	if c, err := net.DialTimeout("tcp", d.spec.Addr, time.Second); err == nil {
		c.Close()
		d.fail("cold start", fmt.Errorf("%s already accepts connections before the daemon starts", d.spec.Addr))
		return false
	}
	t0 := time.Now()
	if err := d.start(logDir); err != nil {
		d.fail("cold start", err)
		return false
	}
	deadline := t0.Add(timeout)
	listening := false
	for time.Now().Before(deadline) {
		if !d.alive() {
			d.fail("cold start", errors.New("daemon exited (see its log)"))
			return false
		}
		conn, err := net.DialTimeout("tcp", d.spec.Addr, time.Second)
		if err != nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		conn.Close()
		if !listening {
			listening = true
			d.ListenMs = float64(time.Since(t0).Microseconds()) / 1000
		}
		if err := awaitDocument(d.spec.Addr, deadline); err != nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		d.ColdStartMs = float64(time.Since(t0).Microseconds()) / 1000
		if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", d.pid)); err == nil {
			d.Cmdline = strings.TrimSpace(strings.ReplaceAll(string(b), "\x00", " "))
		}
		logf("%s: pid %d, listening after %.0f ms, first PKI document after %.0f ms", d.spec.Name, d.pid, d.ListenMs, d.ColdStartMs)
		return true
	}
	d.fail("cold start", fmt.Errorf("no PKI document within %s", timeout))
	return false
}

// coldStartQuiet restarts the daemon for another burst, keeping the first cold start's figures.
func (d *daemonRun) coldStartQuiet(logDir string, timeout time.Duration) bool {
	cs, l := d.ColdStartMs, d.ListenMs
	d.Restarts++
	ok := d.coldStart(logDir, timeout)
	d.ColdStartMs, d.ListenMs = cs, l
	return ok
}

// ---- handshake round trip ------------------------------------------------------------------

func handshakeOnce(addr string) (time.Duration, error) {
	t0 := time.Now()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReaderSize(conn, 64<<10)
	f1, err := readFrame(br)
	if err != nil {
		return 0, err
	}
	f2, err := readFrame(br)
	if err != nil {
		return 0, err
	}
	el := time.Since(t0)
	var r1, r2 thin.Response
	if err := cbor.Unmarshal(f1, &r1); err != nil || r1.ConnectionStatusEvent == nil {
		return 0, fmt.Errorf("first frame is not a connection_status_event (%v)", err)
	}
	if err := cbor.Unmarshal(f2, &r2); err != nil || r2.NewPKIDocumentEvent == nil {
		return 0, fmt.Errorf("second frame is not a new_pki_document_event (%v)", err)
	}
	writeFrame(conn, thinCloseFrame)
	return el, nil
}

func dialOnce(tcfg *thin.Config) (time.Duration, error) {
	t0 := time.Now()
	c := thin.NewThinClient(tcfg, &config.Logging{Level: "ERROR"})
	if err := c.Dial(); err != nil {
		return 0, err
	}
	el := time.Since(t0)
	if c.PKIDocument() == nil {
		return 0, errors.New("no document after Dial")
	}
	c.Close()
	return el, nil
}

func us(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1000 }

// ---- main ----------------------------------------------------------------------------------

func thinCfg(base *thin.Config, addr string) *thin.Config {
	c := *base
	c.Network = "tcp"
	c.Address = addr
	return &c
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "coldstart" {
		coldStartOnly(os.Args[2:])
		return
	}
	goBin := flag.String("go-bin", "", "reference kpclientd binary")
	goCfg := flag.String("go-cfg", "", "client.toml for the reference daemon")
	goAddr := flag.String("go-addr", "127.0.0.1:33100", "thin-client listen address of the reference daemon")
	javaBin := flag.String("java-bin", "", "katzen4j kpclientd launcher")
	javaCfg := flag.String("java-cfg", "", "client.toml for our daemon")
	javaAddr := flag.String("java-addr", "127.0.0.1:33110", "thin-client listen address of our daemon")
	thinToml := flag.String("thin", "", "thinclient.toml (geometries; the address is replaced)")
	order := flag.String("order", "go,java", "which daemon goes first in each step")
	logDir := flag.String("logdir", ".", "directory for the daemons' logs")
	hsN := flag.Int("handshakes", 300, "handshake round trips per daemon")
	dialN := flag.Int("dials", 60, "reference Dial round trips per daemon")
	cwcGo := flag.Int("cwc-go", 8, "create_write_channel round trips through the reference daemon")
	cwcJava := flag.Int("cwc-java", 40, "create_write_channel round trips through our daemon")
	bursts := flag.Int("bursts", 4, "acceptance bursts per daemon (the first is cold)")
	burst := flag.Int("burst", 180, "send_message requests in the acceptance burst (below both queue capacities)")
	payloadLen := flag.Int("payload", 1000, "send_message payload bytes")
	appsFlag := flag.String("apps", "1,64,100,1000", "connected-app counts for RSS")
	settle := flag.Duration("settle", 3*time.Second, "pause before reading RSS")
	coldTimeout := flag.Duration("cold-timeout", 90*time.Second, "cold start limit")
	outPath := flag.String("out", "", "write the round's JSON here (stdout is shared with the reference thin client's log)")
	flag.Parse()

	base, err := thin.LoadFile(*thinToml)
	if err != nil {
		logf("thinclient.toml: %v", err)
		os.Exit(2)
	}
	specs := map[string]daemonSpec{
		"go":   {Name: "go", Cmd: []string{*goBin, "-c", *goCfg}, Addr: *goAddr},
		"java": {Name: "java", Cmd: []string{*javaBin, "-c", *javaCfg}, Addr: *javaAddr},
	}
	var runs []*daemonRun
	for _, n := range strings.Split(*order, ",") {
		s, ok := specs[n]
		if !ok {
			logf("unknown daemon %q in -order", n)
			os.Exit(2)
		}
		runs = append(runs, &daemonRun{spec: s, RSSKb: map[string]int64{}, AnonKb: map[string]int64{}, ThreadsAtApps: map[string]int{}})
	}
	defer func() {
		for _, d := range runs {
			d.stop()
		}
	}()

	// cold start, one daemon at a time (the other one is not running yet)
	up := map[string]bool{}
	for _, d := range runs {
		up[d.spec.Name] = d.coldStart(*logDir, *coldTimeout)
	}
	live := func() []*daemonRun {
		var l []*daemonRun
		for _, d := range runs {
			if up[d.spec.Name] && d.alive() {
				l = append(l, d)
			} else if up[d.spec.Name] {
				d.fail("daemon", errors.New("exited during the round"))
				up[d.spec.Name] = false
			}
		}
		return l
	}
	for _, d := range live() {
		if r, err := rssKb(d.pid); err == nil {
			d.RSSKb["0"] = r
			d.AnonKb["0"], _ = statusKb(d.pid, "RssAnon:")
			d.ThreadsAtApps["0"] = threads(d.pid)
		}
	}

	// create_write_channel round trips (before the burst: the reference daemon runs every
	// request, local ones too, through the same Poisson-drained queue)
	for _, d := range live() {
		n := *cwcJava
		if d.spec.Name == "go" {
			n = *cwcGo
		}
		c := thin.NewThinClient(thinCfg(base, d.spec.Addr), &config.Logging{Level: "ERROR"})
		if err := c.Dial(); err != nil {
			d.fail("create_write_channel dial", err)
			continue
		}
		for i := 0; i < n; i++ {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			t0 := time.Now()
			id, _, _, err := c.CreateWriteChannel(ctx)
			el := time.Since(t0)
			cancel()
			if err != nil {
				d.fail("create_write_channel", err)
				break
			}
			d.CreateChanUs = append(d.CreateChanUs, us(el))
			c.CloseChannel(context.Background(), id)
		}
		c.Close()
	}

	// send-queue acceptance bursts, each from a new app. Ours drops a departed app's queued sends,
	// so its queue is empty again for the next burst; the reference keeps them in its one 200-slot
	// queue, so it is restarted before each further burst (a Go process has no JIT to warm up).
	for b := 0; b < *bursts; b++ {
		for _, d := range live() {
			if b > 0 && d.spec.Name == "go" {
				d.stop()
				if !d.coldStartQuiet(*logDir, *coldTimeout) {
					up[d.spec.Name] = false
					continue
				}
			}
			if err := d.burst(base, *burst, *payloadLen); err != nil {
				d.fail("burst", err)
			}
		}
	}

	// handshake round trips and reference Dials, interleaved in batches
	const batches = 6
	for b := 0; b < batches; b++ {
		for _, d := range live() {
			for i := 0; i < *hsN/batches; i++ {
				el, err := handshakeOnce(d.spec.Addr)
				if err != nil {
					d.fail("handshake", err)
					break
				}
				d.HandshakeUs = append(d.HandshakeUs, us(el))
			}
			for i := 0; i < *dialN/batches; i++ {
				el, err := dialOnce(thinCfg(base, d.spec.Addr))
				if err != nil {
					d.fail("dial", err)
					break
				}
				d.DialUs = append(d.DialUs, us(el))
			}
		}
	}

	// RSS with growing numbers of connected apps (reference thin clients)
	var counts []int
	for _, s := range strings.Split(*appsFlag, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err == nil && n > 0 {
			counts = append(counts, n)
		}
	}
	sort.Ints(counts)
	clients := map[string][]*thin.ThinClient{}
	for _, n := range counts {
		for _, d := range live() {
			cfg := thinCfg(base, d.spec.Addr)
			for len(clients[d.spec.Name]) < n {
				c := thin.NewThinClient(cfg, &config.Logging{Level: "ERROR"})
				if err := c.Dial(); err != nil {
					d.fail(fmt.Sprintf("app %d dial", len(clients[d.spec.Name])+1), err)
					break
				}
				clients[d.spec.Name] = append(clients[d.spec.Name], c)
			}
		}
		time.Sleep(*settle)
		for _, d := range live() {
			if len(clients[d.spec.Name]) < n {
				continue
			}
			r, err := rssKb(d.pid)
			if err != nil {
				d.fail("rss", err)
				continue
			}
			d.RSSKb[strconv.Itoa(n)] = r
			d.AnonKb[strconv.Itoa(n)], _ = statusKb(d.pid, "RssAnon:")
			d.ThreadsAtApps[strconv.Itoa(n)] = threads(d.pid)
			logf("%s: %d apps: VmRSS %d kB, %d threads", d.spec.Name, n, r, threads(d.pid))
		}
	}
	for _, l := range clients {
		for _, c := range l {
			go c.Close()
		}
	}

	out := map[string]any{"order": *order}
	for _, d := range runs {
		d.stop()
		out[d.spec.Name] = d
	}
	w := io.Writer(os.Stdout)
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			logf("%v", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	json.NewEncoder(w).Encode(out)
}

// ---- burst ---------------------------------------------------------------------------------

func (d *daemonRun) burst(base *thin.Config, n, payloadLen int) error {
	c := thin.NewThinClient(thinCfg(base, d.spec.Addr), &config.Logging{Level: "ERROR"})
	if err := c.Dial(); err != nil {
		return err
	}
	echo, err := c.GetService("echo")
	c.Close()
	if err != nil {
		return err
	}
	dest := hash.Sum256(echo.MixDescriptor.IdentityKey)
	frames := make([][]byte, n)
	for i := range frames {
		var surb [16]byte
		binary.BigEndian.PutUint64(surb[:], uint64(i+1))
		payload := make([]byte, payloadLen)
		req := &thin.Request{SendMessage: &thin.SendMessage{
			WithSURB: false, SURBID: &surb, DestinationIdHash: &dest,
			RecipientQueueID: echo.RecipientQueueID, Payload: payload,
		}}
		b, err := cbor.Marshal(req)
		if err != nil {
			return err
		}
		f := make([]byte, 4+len(b))
		binary.BigEndian.PutUint32(f, uint32(len(b)))
		copy(f[4:], b)
		frames[i] = f
	}
	conn, err := net.Dial("tcp", d.spec.Addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	// read the initial frames and everything after it in the background
	go io.Copy(io.Discard, conn)
	time.Sleep(300 * time.Millisecond)
	local := conn.LocalAddr().(*net.TCPAddr).Port
	remote := conn.RemoteAddr().(*net.TCPAddr).Port

	cpu0 := cpuNs(d.pid)
	t0 := time.Now()
	for _, f := range frames {
		if _, err := conn.Write(f); err != nil {
			return err
		}
	}
	tw := time.Since(t0)
	var tDone time.Duration
	for {
		q, err := pendingBytes(local, remote)
		if err != nil {
			return err
		}
		if q == 0 {
			tDone = time.Since(t0)
			break
		}
		if time.Since(t0) > 20*time.Second {
			return fmt.Errorf("daemon still has %d unread bytes after 20 s", q)
		}
		time.Sleep(50 * time.Microsecond)
	}
	time.Sleep(20 * time.Millisecond)
	cpu1 := cpuNs(d.pid)
	d.BurstN = n
	d.BurstWriteUs = append(d.BurstWriteUs, us(tw))
	d.BurstWallUs = append(d.BurstWallUs, us(tDone))
	d.BurstCPUUs = append(d.BurstCPUUs, float64(cpu1-cpu0)/1000)
	logf("%s: burst of %d send_message (%d B frames): written in %.0f µs, read by the daemon after %.0f µs, daemon CPU %.0f µs",
		d.spec.Name, n, len(frames[0]), us(tw), us(tDone), float64(cpu1-cpu0)/1000)
	writeFrame(conn, thinCloseFrame)
	return nil
}

// pendingBytes is the client socket's unacknowledged send queue plus the daemon socket's unread
// receive queue, from /proc/net/tcp and /proc/net/tcp6 (a JVM's sockets are IPv6 sockets with
// IPv4-mapped addresses; both ends are on the loopback).
func pendingBytes(clientPort, daemonPort int) (int64, error) {
	cp := fmt.Sprintf(":%04X", clientPort)
	dp := fmt.Sprintf(":%04X", daemonPort)
	var sum int64
	found := 0
	for _, file := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		for _, l := range strings.Split(string(b), "\n") {
			f := strings.Fields(l)
			if len(f) < 5 || f[3] != "01" { // ESTABLISHED only
				continue
			}
			la, ra := f[1], f[2]
			q := strings.SplitN(f[4], ":", 2)
			if len(q) != 2 {
				continue
			}
			if strings.HasSuffix(la, cp) && strings.HasSuffix(ra, dp) {
				v, _ := strconv.ParseInt(q[0], 16, 64) // client tx_queue
				sum += v
				found++
			} else if strings.HasSuffix(la, dp) && strings.HasSuffix(ra, cp) {
				v, _ := strconv.ParseInt(q[1], 16, 64) // daemon rx_queue
				sum += v
				found++
			}
		}
	}
	if found != 2 {
		return 0, fmt.Errorf("found %d of the 2 socket ends in /proc/net/tcp{,6}", found)
	}
	return sum, nil
}

// coldStartOnly: `daemonbench coldstart ADDR LOGFILE CMD...` times one cold start, prints
// "listen_ms cold_ms rss_kb" and stops the daemon (for trying launcher flags).
func coldStartOnly(args []string) {
	if len(args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: daemonbench coldstart ADDR LOGDIR CMD...")
		os.Exit(2)
	}
	d := &daemonRun{spec: daemonSpec{Name: "coldstart", Cmd: args[2:], Addr: args[0]}}
	ok := d.coldStart(args[1], 90*time.Second)
	var r int64
	if ok {
		time.Sleep(2 * time.Second)
		r, _ = rssKb(d.pid)
	}
	d.stop()
	if !ok {
		os.Exit(1)
	}
	fmt.Printf("%.0f %.0f %d\n", d.ListenMs, d.ColdStartMs, r)
}
