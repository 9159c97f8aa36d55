import ArgumentParser
import ViewpointsStore

extension Viewpoints.Db {
    struct Roles: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the Viewpoints group roles and grant their privileges in this database.",
            discussion: """
                Creates the NOLOGIN roles viewpoints_owner, viewpoints_lead, viewpoints_coder and viewpoints_analyst \
                when missing (needs CREATEROLE or superuser; roles are cluster-wide), hands this database's tables, \
                views and functions to viewpoints_owner and grants each role its privileges here. Safe to repeat; \
                run it in every database and again after `db migrate`. Which rows a role sees is decided by \
                row-level security on study membership (`viewpoints grant`).
                """)

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open()
            let created = try report { try store.setUpRoles() }
            print(
                created.isEmpty
                    ? "roles exist: \(viewpointsGroupRoles.joined(separator: ", "))"
                    : "created roles: \(created.joined(separator: ", "))")
            print("privileges granted in database \(store.connection.address)")
        }
    }
}
