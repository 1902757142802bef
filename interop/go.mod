module github.com/katzen4j/katzen4j/interop

go 1.24.0

require (
	filippo.io/mlkem768 v0.0.0-20240221181710-5ce91625fdc1
	github.com/BurntSushi/toml v1.5.0
	github.com/fxamacker/cbor/v2 v2.8.0
	github.com/katzenpost/chacha20 v0.0.1
	github.com/katzenpost/circl v1.3.9-0.20240222183521-1cd9a34e9a0c
	github.com/katzenpost/hpqc v0.0.68
	github.com/katzenpost/katzenpost v0.0.70
	github.com/katzenpost/nyquist v0.0.10
	gitlab.com/yawning/aez.git v0.0.0-20211027044916-e49e68abd344
	golang.org/x/crypto v0.39.0
)

require (
	codeberg.org/vula/highctidh v1.0.2024092800 // indirect
	filippo.io/edwards25519 v1.0.0 // indirect
	github.com/agl/gcmsiv v0.0.0-20190418185415-e8dcd2f151dc // indirect
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/carlmjohnson/versioninfo v0.22.5 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/charmbracelet/colorprofile v0.3.1 // indirect
	github.com/charmbracelet/fang v0.3.0 // indirect
	github.com/charmbracelet/lipgloss/v2 v2.0.0-beta1 // indirect
	github.com/charmbracelet/x/ansi v0.8.0 // indirect
	github.com/charmbracelet/x/cellbuf v0.0.13 // indirect
	github.com/charmbracelet/x/exp/charmtone v0.0.0-20250603201427-c31516f43444 // indirect
	github.com/charmbracelet/x/term v0.2.1 // indirect
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/dchest/siphash v1.2.3 // indirect
	github.com/go-faster/xor v1.0.0 // indirect
	github.com/grafana/pyroscope-go v1.2.2 // indirect
	github.com/grafana/pyroscope-go/godeltaprof v0.1.8 // indirect
	github.com/henrydcase/nobs v0.0.0-20230313231516-25b66236df73 // indirect
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/jackc/pgx v3.6.2+incompatible // indirect
	github.com/katzenpost/chacha20poly1305 v0.0.1 // indirect
	github.com/katzenpost/sntrup4591761 v0.0.0-20231024131303-8755eb1986b8 // indirect
	github.com/katzenpost/sphincsplus v0.0.2 // indirect
	github.com/klauspost/compress v1.18.0 // indirect
	github.com/linxGnu/grocksdb v1.10.1 // indirect
	github.com/lucasb-eyer/go-colorful v1.2.0 // indirect
	github.com/mattn/go-pointer v0.0.1 // indirect
	github.com/mattn/go-runewidth v0.0.16 // indirect
	github.com/muesli/cancelreader v0.2.2 // indirect
	github.com/muesli/mango v0.1.0 // indirect
	github.com/muesli/mango-cobra v1.2.0 // indirect
	github.com/muesli/mango-pflag v0.1.0 // indirect
	github.com/muesli/roff v0.1.0 // indirect
	github.com/munnerz/goautoneg v0.0.0-20191010083416-a7dc8b61c822 // indirect
	github.com/oasisprotocol/curve25519-voi v0.0.0-20230904125328-1f23a7beb09a // indirect
	github.com/oasisprotocol/deoxysii v0.0.0-20220228165953-2091330c22b7 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	github.com/prometheus/client_golang v1.22.0 // indirect
	github.com/prometheus/client_model v0.6.1 // indirect
	github.com/prometheus/common v0.62.0 // indirect
	github.com/prometheus/procfs v0.15.1 // indirect
	github.com/quic-go/qpack v0.5.1 // indirect
	github.com/quic-go/quic-go v0.53.0 // indirect
	github.com/rfjakob/eme v1.1.2 // indirect
	github.com/rivo/uniseg v0.4.7 // indirect
	github.com/spf13/cobra v1.9.1 // indirect
	github.com/spf13/pflag v1.0.6 // indirect
	github.com/stretchr/testify v1.10.0 // indirect
	github.com/ugorji/go/codec v1.3.0 // indirect
	github.com/x448/float16 v0.8.4 // indirect
	github.com/xo/terminfo v0.0.0-20220910002029-abceb7e1c41e // indirect
	github.com/yawning/bloom v0.0.0-20181019144233-44d6c5c71ed1 // indirect
	gitlab.com/yawning/avl.git v0.0.0-20180224045358-04c7c776e391 // indirect
	gitlab.com/yawning/bsaes.git v0.0.0-20190805113838-0a714cd429ec // indirect
	gitlab.com/yawning/x448.git v0.0.0-20221003101044-617eb9b7d9b7 // indirect
	go.etcd.io/bbolt v1.4.2 // indirect
	go.uber.org/mock v0.5.0 // indirect
	golang.org/x/mod v0.25.0 // indirect
	golang.org/x/net v0.41.0 // indirect
	golang.org/x/sync v0.16.0 // indirect
	golang.org/x/sys v0.33.0 // indirect
	golang.org/x/text v0.27.0 // indirect
	golang.org/x/tools v0.34.0 // indirect
	google.golang.org/protobuf v1.36.5 // indirect
	gopkg.in/op/go-logging.v1 v1.0.0-20160211212156-b2cb9fa56473 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

replace github.com/linxGnu/grocksdb => github.com/linxGnu/grocksdb v1.7.10
