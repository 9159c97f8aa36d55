import Foundation
import ViewpointsCore

/// A connection to a Viewpoints database, migrated and ready: the one entry point of the store library.
public final class Store {
    public let connection: Connection
    /// `$VIEWPOINTS_HOME`: keys and settings.
    public let home: String
    /// Whether this is the managed local cluster (migrated on demand).
    public let isManaged: Bool
    /// The connected login's role in each study this store resolved (by study id): the study context a command
    /// works in, read by every access decision; forgotten when a grant or revoke may have changed it.
    var studyRoles: [String: StudyAccess] = [:]

    init(connection: Connection, home: String, isManaged: Bool) {
        self.connection = connection
        self.home = home
        self.isManaged = isManaged
    }

    /// Connects to `databaseURL` (refusing a database with pending migrations), or, when it is nil or empty,
    /// starts and migrates the managed local cluster of `home`.
    /// `willStartServer` is called before the managed server is created (`initializing`) or started, which
    /// takes seconds, so that the caller can say so.
    public static func open(
        databaseURL: String?, home: String, requireCurrentSchema: Bool = true,
        willStartServer: (_ initializing: Bool) -> Void = { _ in }
    ) throws(StoreError) -> Store {
        if let url = databaseURL, !url.isEmpty {
            let connection = try Connection(conninfo: url)
            let store = Store(connection: connection, home: home, isManaged: false)
            if requireCurrentSchema { try store.migrator().requireCurrent() }
            return store
        }
        let server = ManagedServer(home: home)
        try server.ensureRunning(willStart: willStartServer)
        let connection = try Connection(conninfo: server.currentConninfo)
        let store = Store(connection: connection, home: home, isManaged: true)
        try store.migrator().migrate()
        return store
    }

    /// The migrator for this build's schema files.
    public func migrator() throws(StoreError) -> Migrator {
        Migrator(
            connection: connection, migrations: try Migration.bundled(), definitions: try Migration.bundledDefinitions()
        )
    }
}
