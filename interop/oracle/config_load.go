package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/BurntSushi/toml"
	kemschemes "github.com/katzenpost/hpqc/kem/schemes"
	nikeschemes "github.com/katzenpost/hpqc/nike/schemes"
	signschemes "github.com/katzenpost/hpqc/sign/schemes"

	vConfig "github.com/katzenpost/katzenpost/authority/voting/server/config"
	"github.com/katzenpost/katzenpost/client2/config"
	"github.com/katzenpost/katzenpost/core/sphinx/geo"
	pigeonholeGeo "github.com/katzenpost/katzenpost/pigeonhole/geo"
)

// Differential cases for client.toml: a base config built and encoded the way
// genconfig does it (deterministic keys), and mutations of its text, each with
// what the reference's config.Load does with it (accepts, returns an error, or
// panics) and, when it accepts, the values it ends up with. Some accepted cases
// are known to fail later when the reference daemon starts; those carry
// failsAtStart so the Java loader (which reports them at load) can be checked too.

type cfgLoadKey struct {
	Identifier  string   `json:"name"`
	Addresses   []string `json:"addresses"`
	IdentityKey hexBytes `json:"identityKey"`
	LinkKey     hexBytes `json:"linkKey"`
}

type cfgLoadResult struct {
	ListenNetwork      string                  `json:"listenNetwork"`
	ListenAddress      string                  `json:"listenAddress"`
	PKISignatureScheme string                  `json:"pkiSignatureScheme"`
	WireKEMScheme      string                  `json:"wireKemScheme"`
	Logging            config.Logging          `json:"logging"`
	UpstreamProxy      config.UpstreamProxy    `json:"upstreamProxy"`
	Debug              config.Debug            `json:"debug"`
	SphinxGeometry     *geo.Geometry           `json:"sphinxGeometry"`
	PigeonholeGeometry *pigeonholeGeo.Geometry `json:"pigeonholeGeometry"`
	Gateways           []cfgLoadKey            `json:"gateways"`
	Peers              []cfgLoadKey            `json:"peers"`
	PreferedTransports []string                `json:"preferedTransports"`
}

type cfgLoadCase struct {
	Name         string         `json:"name"`
	TOML         string         `json:"toml"`
	Outcome      string         `json:"outcome"` // "ok", "error" or "panic"
	Error        string         `json:"error,omitempty"`
	FailsAtStart string         `json:"failsAtStart,omitempty"`
	Result       *cfgLoadResult `json:"result,omitempty"`
}

type cfgMutation struct {
	name         string
	failsAtStart string
	edits        [][2]string // old, new: each old must occur in the text
}

func cfgBaseText(r io.Reader) (string, error) {
	sig := signschemes.ByName("Ed25519")
	kem := kemschemes.ByName("xwing")
	seed := func(n int) []byte {
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			panic(err)
		}
		return b
	}
	sphinx := geo.GeometryFromUserForwardPayloadLength(nikeschemes.ByName("x25519"), 2000, true, 3)
	ph, err := pigeonholeGeo.NewGeometryFromSphinx(sphinx, nikeschemes.ByName("CTIDH1024-X25519"))
	if err != nil {
		return "", err
	}
	cfg := &config.Config{
		ListenNetwork:      "tcp",
		ListenAddress:      "localhost:64331",
		Logging:            &config.Logging{File: "", Level: "DEBUG"},
		PKISignatureScheme: sig.Name(),
		WireKEMScheme:      "xwing",
		SphinxGeometry:     sphinx,
		PigeonholeGeometry: ph,
		UpstreamProxy:      &config.UpstreamProxy{Type: "none"},
		Debug:              &config.Debug{DisableDecoyTraffic: true},
	}
	var peers []*vConfig.Authority
	for i := 1; i <= 3; i++ {
		idPub, _ := sig.DeriveKey(seed(sig.SeedSize()))
		linkPub, _ := kem.DeriveKeyPair(seed(kem.SeedSize()))
		peers = append(peers, &vConfig.Authority{
			Identifier:         fmt.Sprintf("auth%d", i),
			IdentityPublicKey:  idPub,
			PKISignatureScheme: sig.Name(),
			LinkPublicKey:      linkPub,
			WireKEMScheme:      "xwing",
			Addresses:          []string{fmt.Sprintf("tcp://127.0.0.1:%d", 30000+i)},
		})
	}
	cfg.VotingAuthority = &config.VotingAuthority{Peers: peers}
	gwID, _ := sig.DeriveKey(seed(sig.SeedSize()))
	gwLink, _ := kem.DeriveKeyPair(seed(kem.SeedSize()))
	cfg.PinnedGateways = &config.Gateways{Gateways: []*config.Gateway{{
		PKISignatureScheme: sig.Name(),
		WireKEMScheme:      "xwing",
		Name:               "gateway1",
		IdentityKey:        gwID,
		LinkKey:            gwLink,
		Addresses:          []string{"tcp://127.0.0.1:30004"},
	}}}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(cfg); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func cfgRunLoad(text string) (c cfgLoadCase) {
	defer func() {
		if r := recover(); r != nil {
			c.Outcome = "panic"
			c.Error = fmt.Sprint(r)
			c.Result = nil
		}
	}()
	cfg, err := config.Load([]byte(text))
	if err != nil {
		return cfgLoadCase{Outcome: "error", Error: err.Error()}
	}
	res := &cfgLoadResult{
		ListenNetwork:      cfg.ListenNetwork,
		ListenAddress:      cfg.ListenAddress,
		PKISignatureScheme: cfg.PKISignatureScheme,
		WireKEMScheme:      cfg.WireKEMScheme,
		Logging:            *cfg.Logging,
		UpstreamProxy:      *cfg.UpstreamProxy,
		Debug:              *cfg.Debug,
		SphinxGeometry:     cfg.SphinxGeometry,
		PigeonholeGeometry: cfg.PigeonholeGeometry,
		PreferedTransports: cfg.PreferedTransports,
	}
	// The reference keeps the fixed-up proxy (lower-cased type, "none") in a private
	// field; report the values it will use.
	if p := cfg.UpstreamProxyConfig(); p != nil {
		res.UpstreamProxy.Type = p.Type
		res.UpstreamProxy.Network = p.Network
	}
	for _, g := range cfg.PinnedGateways.Gateways {
		id, _ := g.IdentityKey.MarshalBinary()
		link, _ := g.LinkKey.MarshalBinary()
		res.Gateways = append(res.Gateways, cfgLoadKey{g.Name, g.Addresses, id, link})
	}
	if cfg.VotingAuthority != nil {
		for _, p := range cfg.VotingAuthority.Peers {
			id, _ := p.IdentityPublicKey.MarshalBinary()
			link, _ := p.LinkPublicKey.MarshalBinary()
			res.Peers = append(res.Peers, cfgLoadKey{p.Identifier, p.Addresses, id, link})
		}
	}
	return cfgLoadCase{Outcome: "ok", Result: res}
}

func cfgMutations() []cfgMutation {
	gw := `    Name = "gateway1"` + "\n"
	m := func(name string, edits ...string) cfgMutation {
		var e [][2]string
		for i := 0; i+1 < len(edits); i += 2 {
			e = append(e, [2]string{edits[i], edits[i+1]})
		}
		return cfgMutation{name: name, edits: e}
	}
	start := func(mu cfgMutation, why string) cfgMutation { mu.failsAtStart = why; return mu }
	return []cfgMutation{
		m("base"),
		m("top-level keys match case-insensitively", "ListenNetwork =", "listennetwork =", "WireKEMScheme = \"xwing\"\n\n", "WIREKEMSCHEME = \"xwing\"\n\n"),
		m("unknown keys are ignored", "ListenNetwork =", "Bogus = 1\nListenNetwork =", gw, gw+"    Extra = \"x\"\n", "  PollingInterval = 0\n", "  PollingInterval = 0\n  Nope = true\n"),
		start(m("listen network unknown", `ListenNetwork = "tcp"`, `ListenNetwork = "udp"`), "listener: incorrect network type"),
		m("listen network unix", `ListenNetwork = "tcp"`, `ListenNetwork = "unix"`, `ListenAddress = "localhost:64331"`, `ListenAddress = "/tmp/kp.sock"`),
		m("listen address wrong type", `ListenAddress = "localhost:64331"`, `ListenAddress = 64331`),
		m("wire KEM empty", `WireKEMScheme = "xwing"`+"\n\n", `WireKEMScheme = ""`+"\n\n"),
		m("wire KEM unknown", `WireKEMScheme = "xwing"`+"\n\n", `WireKEMScheme = "nope"`+"\n\n"),
		m("wire KEM upper case", `WireKEMScheme = "xwing"`+"\n\n", `WireKEMScheme = "XWING"`+"\n\n"),
		m("no sphinx geometry", "[SphinxGeometry]", "[SphinxGeometryX]"),
		m("sphinx NrHops zero", "  NrHops = 3\n", "  NrHops = 0\n"),
		m("sphinx both schemes", `  KEMName = ""`, `  KEMName = "xwing"`),
		m("sphinx no scheme", `  NIKEName = "x25519"`, `  NIKEName = ""`),
		m("sphinx unknown NIKE", `  NIKEName = "x25519"`, `  NIKEName = "bogus"`),
		m("sphinx length is a float", "  PacketLength = 2754\n", "  PacketLength = 2754.0\n"),
		m("sphinx length is a string", "  PacketLength = 2754\n", "  PacketLength = \"2754\"\n"),
		m("sphinx geometry lowercase keys", "  NrHops = 3\n", "  nrhops = 3\n"),
		m("no pigeonhole geometry", "[PigeonholeGeometry]", "[PigeonholeGeometryX]"),
		m("pigeonhole signature scheme case", `SignatureSchemeName = "Ed25519"`, `SignatureSchemeName = "ed25519"`),
		m("pigeonhole max payload zero", "  MaxPlaintextPayloadLength = 1553\n", "  MaxPlaintextPayloadLength = 0\n"),
		m("pigeonhole unknown NIKE", `  NIKEName = "CTIDH1024-X25519"`, `  NIKEName = "nope"`),
		m("no logging", "[Logging]\n  Disable = false\n  File = \"\"\n  Level = \"DEBUG\"\n", ""),
		start(m("logging level empty", `Level = "DEBUG"`, `Level = ""`), "log: invalid level: ''"),
		m("logging level lower case", `Level = "DEBUG"`, `Level = "info"`),
		m("logging level NOTICE", `Level = "DEBUG"`, `Level = "NOTICE"`),
		m("logging level bogus", `Level = "DEBUG"`, `Level = "LOUD"`),
		start(m("logging file relative", "  File = \"\"\n  Level", "  File = \"kp.log\"\n  Level"), "log file path must be absolute path"),
		m("logging file absolute", "  File = \"\"\n  Level", "  File = \"/tmp/kp.log\"\n  Level"),
		m("logging disabled relative file", "  Disable = false\n  File = \"\"\n", "  Disable = true\n  File = \"kp.log\"\n"),
		m("logging disable wrong type", "  Disable = false\n", "  Disable = 0\n"),
		m("no upstream proxy", "[UpstreamProxy]\n  Type = \"none\"", "[UpstreamProxyX]\n  Type = \"none\""),
		m("proxy type empty", `Type = "none"`, `Type = ""`),
		m("proxy type http", `Type = "none"`, `Type = "http"`),
		m("proxy socks5 tcp", `Type = "none"`, `Type = "SOCKS5"`, "  Network = \"\"\n  Address = \"\"\n", "  Network = \"TCP\"\n  Address = \"127.0.0.1:9050\"\n"),
		m("proxy socks5 ipv6", `Type = "none"`, `Type = "socks5"`, "  Network = \"\"\n  Address = \"\"\n", "  Network = \"tcp\"\n  Address = \"[::1]:9050\"\n"),
		m("proxy socks5 host name", `Type = "none"`, `Type = "socks5"`, "  Network = \"\"\n  Address = \"\"\n", "  Network = \"tcp\"\n  Address = \"localhost:9050\"\n"),
		m("proxy socks5 no port", `Type = "none"`, `Type = "socks5"`, "  Network = \"\"\n  Address = \"\"\n", "  Network = \"tcp\"\n  Address = \"127.0.0.1\"\n"),
		m("proxy socks5 udp", `Type = "none"`, `Type = "socks5"`, "  Network = \"\"\n  Address = \"\"\n", "  Network = \"udp\"\n  Address = \"127.0.0.1:9050\"\n"),
		m("proxy socks5 unix missing", `Type = "none"`, `Type = "socks5"`, "  Network = \"\"\n  Address = \"\"\n", "  Network = \"unix\"\n  Address = \"/nonexistent/katzen4j.sock\"\n"),
		m("proxy socks5 user only", `Type = "none"`, `Type = "socks5"`, "  Network = \"\"\n  Address = \"\"\n  User = \"\"\n", "  Network = \"tcp\"\n  Address = \"127.0.0.1:9050\"\n  User = \"alice\"\n"),
		m("proxy socks5 user and password", `Type = "none"`, `Type = "socks5"`, "  Network = \"\"\n  Address = \"\"\n  User = \"\"\n  Password = \"\"\n", "  Network = \"tcp\"\n  Address = \"127.0.0.1:9050\"\n  User = \"alice\"\n  Password = \"pw\"\n"),
		m("proxy tor socks5 with auth", `Type = "none"`, `Type = "tor+socks5"`, "  Network = \"\"\n  Address = \"\"\n  User = \"\"\n  Password = \"\"\n", "  Network = \"tcp\"\n  Address = \"127.0.0.1:9050\"\n  User = \"alice\"\n  Password = \"pw\"\n"),
		m("proxy none ignores network", "  Network = \"\"\n  Address = \"\"\n", "  Network = \"whatever\"\n  Address = \"x\"\n"),
		m("no debug", "[Debug]\n", "[DebugX]\n"),
		m("debug values kept", "  SessionDialTimeout = 0\n", "  SessionDialTimeout = 7\n", "  PollingInterval = 0\n", "  PollingInterval = 5\n", "  EnableTimeSync = false\n", "  EnableTimeSync = true\n"),
		m("debug wrong type", "  PollingInterval = 0\n", "  PollingInterval = \"10\"\n"),
		m("debug decoy wrong type", "  DisableDecoyTraffic = true\n", "  DisableDecoyTraffic = 1\n"),
		m("debug negative", "  PollingInterval = 0\n", "  PollingInterval = -3\n"),
		m("no pinned gateways", "[PinnedGateways]", "[PinnedGatewaysX]", "[[PinnedGateways.Gateways]]", "[[PinnedGatewaysX.Gateways]]"),
		start(m("pinned gateways empty", "[[PinnedGateways.Gateways]]", "[[PinnedGateways.Other]]"), "connection: no PinnedGateways"),
		m("gateway name missing", gw, ""),
		m("gateway name lower-case key", gw, `    name = "gateway1"`+"\n"),
		m("gateway name wrong type", gw, "    Name = 1\n"),
		m("gateway signature scheme empty", `    PKISignatureScheme = "Ed25519"`+"\n    Addresses", `    PKISignatureScheme = ""`+"\n    Addresses"),
		m("gateway signature scheme Ed448", `    PKISignatureScheme = "Ed25519"`+"\n    Addresses", `    PKISignatureScheme = "Ed448"`+"\n    Addresses"),
		m("gateway wire KEM empty", `    WireKEMScheme = "xwing"`+"\n"+gw, `    WireKEMScheme = ""`+"\n"+gw),
		m("gateway wire KEM mlkem768", `    WireKEMScheme = "xwing"`+"\n"+gw, `    WireKEMScheme = "MLKEM768"`+"\n"+gw),
		m("gateway link key wrong label", `LinkKey = "-----BEGIN XWING PUBLIC KEY-----`, `LinkKey = "-----BEGIN KYBER PUBLIC KEY-----`, `-----END XWING PUBLIC KEY-----\n"`+"\n    PKISignatureScheme", `-----END KYBER PUBLIC KEY-----\n"`+"\n    PKISignatureScheme"),
		m("gateway identity key not PEM", `IdentityKey = "-----BEGIN`, `IdentityKey = "garbage-----BEGIN`),
		m("gateway addresses http", `Addresses = ["tcp://127.0.0.1:30004"]`, `Addresses = ["http://127.0.0.1:30004"]`),
		m("gateway addresses upper-case scheme and quic", `Addresses = ["tcp://127.0.0.1:30004"]`, `Addresses = ["TCP://127.0.0.1:30004", "quic://127.0.0.1:30005"]`),
		m("gateway addresses empty", `Addresses = ["tcp://127.0.0.1:30004"]`, `Addresses = []`),
		m("gateway addresses not an array", `Addresses = ["tcp://127.0.0.1:30004"]`, `Addresses = "tcp://127.0.0.1:30004"`),
		m("gateway addresses missing", `    Addresses = ["tcp://127.0.0.1:30004"]`+"\n", ""),
		m("peer identifier missing", `    Identifier = "auth2"`+"\n", ""),
		m("peer wire KEM unknown", `    WireKEMScheme = "xwing"`+"\n    Addresses = [\"tcp://127.0.0.1:30003\"]", `    WireKEMScheme = "nope"`+"\n    Addresses = [\"tcp://127.0.0.1:30003\"]"),
		m("peer addresses missing", `    Addresses = ["tcp://127.0.0.1:30002"]`+"\n", ""),
		m("peer bind addresses", `    Addresses = ["tcp://127.0.0.1:30002"]`+"\n", `    Addresses = ["tcp://127.0.0.1:30002"]`+"\n    BindAddresses = [\"tcp://0.0.0.0:1\"]\n"),
		m("peer signature scheme missing", `    PKISignatureScheme = "Ed25519"`+"\n    LinkPublicKey", "    LinkPublicKey"),
		m("first peer moved away, the others still define VotingAuthority", "[VotingAuthority]", "[VotingAuthorityX]", "[[VotingAuthority.Peers]]", "[[VotingAuthorityX.Peers]]"),
		start(m("no voting authority", "[VotingAuthority]", "[VotingAuthorityX]", "[[VotingAuthority.Peers]]", "[[VotingAuthorityX.Peers]]",
			"[[VotingAuthority.Peers]]", "[[VotingAuthorityX.Peers]]", "[[VotingAuthority.Peers]]", "[[VotingAuthorityX.Peers]]"), "client: nil VotingAuthority dereferenced"),
		m("prefered transports", "ListenNetwork =", "PreferedTransports = [\"quic\", \"tcp\"]\nListenNetwork ="),
		m("syntax error", "  NrHops = 3\n", "  NrHops = \n"),
		m("duplicate key", "  NrHops = 3\n", "  NrHops = 3\n  NrHops = 4\n"),
	}
}

func init() {
	registerVectors(VectorSet{
		Name: "config/load-cases",
		Path: "config/src/test/resources/vectors/config_load_cases.json",
		Generate: func() (any, error) {
			base, err := cfgBaseText(detRand("config load cases"))
			if err != nil {
				return nil, err
			}
			var out []cfgLoadCase
			for _, mu := range cfgMutations() {
				text := base
				for _, e := range mu.edits {
					if !strings.Contains(text, e[0]) {
						return nil, fmt.Errorf("case %q: %q not in the text", mu.name, e[0])
					}
					text = strings.Replace(text, e[0], e[1], 1)
				}
				c := cfgRunLoad(text)
				c.Name = mu.name
				c.TOML = text
				if mu.failsAtStart != "" {
					if c.Outcome != "ok" {
						return nil, fmt.Errorf("case %q: marked failsAtStart but load gave %s: %s", mu.name, c.Outcome, c.Error)
					}
					c.FailsAtStart = mu.failsAtStart
				}
				out = append(out, c)
			}
			return out, nil
		},
	})
}
