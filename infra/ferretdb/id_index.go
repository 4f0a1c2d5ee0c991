package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses
)

// FerretDB v1.24 pushes a filter of `_id` alone down to SQLite as
// `WHERE _ferretdb_sjson->'$._id' = ?`, but indexes `_id` on `_ferretdb_sjson->"_id"`, an
// expression SQLite does not take for the same one. So every `{_id: value}` read, update and
// delete scanned the whole table. keepIDIndexes gives every collection table an index on the
// expression the queries use, so those become index lookups. It is a plain index (FerretDB's
// own unique index still enforces uniqueness, with the error MongoDB clients expect), named so
// it cannot meet one of FerretDB's (`<table>_<index name>`: an index name has no `.`).
//
// Collections are created while FerretDB runs, so the databases are looked at every interval;
// a database file is opened only when it changed since it was last seen complete.
func keepIDIndexes(ctx context.Context, dir string, interval time.Duration, logger *slog.Logger) {
	seen := map[string]time.Time{}
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, file := range files {
			changed := lastChange(file)
			if t, ok := seen[file]; ok && !changed.After(t) {
				continue
			}
			if err := addIDIndexes(ctx, file); err != nil {
				logger.Debug("id index: will retry", "file", file, "err", err)
				continue
			}
			seen[file] = changed
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// lastChange is the newest modification time of a database and its write-ahead log.
func lastChange(file string) time.Time {
	var newest time.Time
	for _, f := range []string{file, file + "-wal"} {
		if info, err := os.Stat(f); err == nil && info.ModTime().After(newest) {
			newest = info.ModTime()
		}
	}
	return newest
}

func addIDIndexes(ctx context.Context, file string) error {
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT t.name FROM sqlite_master t
		WHERE t.type = 'table' AND t.sql LIKE '%_ferretdb_sjson%'
		AND NOT EXISTS (SELECT 1 FROM sqlite_master i WHERE i.type = 'index' AND i.name = t.name || '.keyguard_id')`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, name)
	}
	rows.Close()
	for _, table := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (_ferretdb_sjson->'$._id')`, quote(table+".keyguard_id"), quote(table))
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

func quote(identifier string) string {
	return `"` + strings.ReplaceAll(identifier, `"`, `""`) + `"`
}
