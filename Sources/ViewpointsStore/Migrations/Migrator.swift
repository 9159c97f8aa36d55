/// Applies `Schema/` files in order, each in its own transaction, under an advisory lock; then, when a migration was
/// applied or any file of `Schema/definitions/` differs from what `schema_definitions` records (name and checksum),
/// re-applies every definition file in order, in one transaction, and records them.
///
/// Versioned migrations (`NNNN_name.sql`) hold tables, policies and privileges and are never edited once applied
/// (the one exception, recorded with its reason and former checksums in `Migration.formerChecksums`, is issue 12's
/// removal from 0001-0007 of the objects the definition files define again).
/// Views, functions and triggers live in definition files (`definitions/NN_name.sql`), each object in exactly one
/// of them, written so that applying them again is harmless: `CREATE OR REPLACE FUNCTION`/`VIEW` (a view's
/// columns may only be appended to), `DROP TRIGGER IF EXISTS` before `CREATE TRIGGER`. Edit them in place; `db
/// migrate` applies the change. `99_pin_search_path.sql` runs last and pins the search_path of every SECURITY
/// DEFINER and trigger function. Definitions run after all migrations, so a migration must not need an object
/// that only a definition file creates.
public struct Migrator {
    let connection: Connection
    let migrations: [Migration]
    let definitions: [Migration]

    /// Applied migrations as recorded in `schema_migrations`.
    public struct Applied: Sendable, Equatable {
        public var version: Int
        public var name: String
        public var checksum: String
    }

    /// What `db status` shows.
    public struct Status: Sendable {
        public var server: String
        public var database: String
        public var version: Int?
        public var pending: [Migration]
    }

    static let lockKey = "7306571234409"  // an arbitrary constant: pg_advisory_lock's key for migrations

    public init(connection: Connection, migrations: [Migration], definitions: [Migration] = []) {
        self.connection = connection
        self.migrations = migrations
        self.definitions = definitions
    }

    /// Applies every pending migration, then the definitions when needed; returns the files applied.
    @discardableResult
    public func migrate() throws(StoreError) -> [Migration] {
        try connection.query("SELECT pg_advisory_lock($1::bigint)", [Migrator.lockKey], doing: "locking migrations")
        defer {
            _ = try? connection.query(
                "SELECT pg_advisory_unlock($1::bigint)", [Migrator.lockKey], doing: "unlocking migrations")
        }
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, doing: "creating schema_migrations")
        try connection.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_definitions (
                name text PRIMARY KEY,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            GRANT SELECT ON schema_definitions TO PUBLIC
            """, doing: "creating schema_definitions")
        let pending = try pendingMigrations()
        for migration in pending {
            try connection.transaction(doing: "applying \(migration.name)") { () throws(StoreError) in
                try connection.execute(migration.sql, doing: "applying Schema/\(migration.name)")
                try connection.query(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    [String(migration.version), migration.name, migration.checksum],
                    doing: "recording \(migration.name)")
            }
        }
        let changed = try definitionsChanged()
        guard !definitions.isEmpty, !pending.isEmpty || changed else { return pending }
        try connection.transaction(doing: "applying Schema/definitions") { () throws(StoreError) in
            for definition in definitions {
                try connection.execute(definition.sql, doing: "applying Schema/\(definition.name)")
            }
            try connection.execute("DELETE FROM schema_definitions", doing: "recording the definitions")
            for definition in definitions {
                try connection.query(
                    "INSERT INTO schema_definitions (name, checksum) VALUES ($1, $2)",
                    [definition.name, definition.checksum], doing: "recording \(definition.name)")
            }
        }
        return pending + definitions
    }

    /// Whether the recorded definitions differ from this build's (a file added, removed or edited).
    public func definitionsChanged() throws(StoreError) -> Bool {
        guard !definitions.isEmpty else { return false }
        let exists = try connection.query(
            "SELECT to_regclass('schema_definitions') IS NOT NULL", doing: "reading the schema definitions")
        guard try exists.one(Bool.self) else { return true }
        let recorded = try connection.query(
            "SELECT name, checksum FROM schema_definitions", doing: "reading the schema definitions"
        ).decode((String, String).self).map { "\($0.0) \($0.1)" }
        return Set(recorded) != Set(definitions.map { "\($0.name) \($0.checksum)" })
    }

    /// The applied migrations, or an empty list when the table does not exist yet.
    public func applied() throws(StoreError) -> [Applied] {
        let exists = try connection.query(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", doing: "reading the schema version")
        guard try exists.one(Bool.self) else { return [] }
        let rows = try connection.query(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version", doing: "reading migrations")
        return try rows.decode((Int, String, String).self).map { Applied(version: $0.0, name: $0.1, checksum: $0.2) }
    }

    /// Pending migrations after checking that every applied one is unchanged.
    public func pendingMigrations() throws(StoreError) -> [Migration] {
        let done = try applied()
        let byVersion = Dictionary(migrations.map { ($0.version, $0) }, uniquingKeysWith: { a, _ in a })
        for record in done {
            guard let file = byVersion[record.version] else {
                throw StoreError(
                    .configuration,
                    "the database has migration \(record.name), which this build does not know",
                    hint: "use a newer viewpoints build with this database")
            }
            guard file.accepts(checksum: record.checksum) else {
                throw StoreError(
                    .configuration,
                    "Schema/\(file.name) was edited after it was applied (checksum \(record.checksum.prefix(12))… "
                        + "in the database, \(file.checksum.prefix(12))… in the file)",
                    hint: "never edit an applied migration: restore the file and add a new NNNN_*.sql instead")
            }
        }
        let appliedVersions = Set(done.map(\.version))
        return migrations.filter { !appliedVersions.contains($0.version) }
    }

    /// Server, database, schema version and pending migrations.
    public func status() throws(StoreError) -> Status {
        let info = try connection.query("SELECT current_database(), version()", doing: "reading server information")
        var pending = try pendingMigrations()
        if try definitionsChanged() { pending += definitions }
        let version = try applied().map(\.version).max()
        return Status(
            server: connection.address + " (PostgreSQL \(connection.serverVersion))",
            database: info.rows.first?[0] ?? "", version: version, pending: pending)
    }

    /// Throws the configuration error of a database that is behind this build.
    public func requireCurrent() throws(StoreError) {
        let pending = try pendingMigrations()
        if pending.isEmpty, try definitionsChanged() {
            throw StoreError(
                .configuration,
                "the schema's definitions (views, functions) differ from this build's",
                reason: .schemaBehind(pending: 0))
        }
        guard pending.isEmpty else {
            let noun = pending.count == 1 ? "migration" : "migrations"
            throw StoreError(
                .configuration, "\(pending.count) \(noun) pending",
                detail: pending.map(\.name).joined(separator: ", "), reason: .schemaBehind(pending: pending.count))
        }
    }
}
