// Command keyguard-ferretdb runs FerretDB v1 (a MongoDB wire-protocol server) for Keyguard's
// local stack and tests: with SQLite storage (--sqlite-dir, the default stack: one writer at a
// time) or on PostgreSQL (--postgresql-url, the multi-writer test profile).
//
// It uses FerretDB's embeddable package rather than building cmd/ferretdb: a cmd/ferretdb
// built outside FerretDB's own repository panics at start because the generated
// build/version/version.txt is not part of the module.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("sqlite-dir", "", "directory for the SQLite databases (created when missing)")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL database to store in instead, e.g. postgres://127.0.0.1:5432/ferretdb")
	level := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	if (*dir == "") == (*pgURL == "") {
		fmt.Fprintln(os.Stderr, "keyguard-ferretdb: give exactly one of --sqlite-dir and --postgresql-url")
		os.Exit(2)
	}
	config := ferretdb.Config{Listener: ferretdb.ListenerConfig{TCP: *listen}}
	var sqliteDir string
	if *pgURL != "" {
		config.Handler = "postgresql"
		config.PostgreSQLURL = *pgURL
	} else {
		abs, err := filepath.Abs(*dir)
		if err == nil {
			err = os.MkdirAll(abs, 0o755)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "keyguard-ferretdb: --sqlite-dir: %v\n", err)
			os.Exit(2)
		}
		config.Handler = "sqlite"
		// FerretDB requires the trailing slash. WAL (FerretDB's default journal) with
		// synchronous=NORMAL: a commit no longer waits for an fsync, only checkpoints do; the
		// database stays consistent after a crash of any process, and only a power loss can
		// undo the last commits. SQLite's default in WAL mode, FULL, fsyncs every commit, and
		// FerretDB commits every statement: a burst of single-document updates spent most of
		// its time in fsync.
		config.SQLiteURL = "file:" + abs + "/?_pragma=synchronous(normal)"
		sqliteDir = abs
	}

	var slogLevel slog.Level
	if err := slogLevel.UnmarshalText([]byte(*level)); err != nil {
		fmt.Fprintf(os.Stderr, "keyguard-ferretdb: --log-level: %v\n", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slogLevel}))

	config.Logger = logger
	db, err := ferretdb.New(&config)
	if err != nil {
		fmt.Fprintf(os.Stderr, "keyguard-ferretdb: %v\n", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if config.Handler == "sqlite" {
		go keepIDIndexes(ctx, sqliteDir, time.Second, logger)
	}
	logger.Info("listening", "addr", *listen, "handler", config.Handler)
	if err := db.Run(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "keyguard-ferretdb: %v\n", err)
		os.Exit(1)
	}
}
