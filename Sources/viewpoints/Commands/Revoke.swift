import ArgumentParser
import ViewpointsStore

extension Viewpoints {
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a login's role in a study away.",
            discussion: """
                Removes the membership: from the next statement on, PostgreSQL shows the login none of the study's \
                rows for that role. The login keeps its cluster-wide group role, which other databases may need.
                """)

        @OptionGroup var options: GrantOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let removed = try database.withStudy(options.study) { store, study in
                try store.revoke(
                    study: study, role: options.role, login: options.user)
            }
            print(
                removed
                    ? "\(options.user) is no longer \(options.role.rawValue) of \(options.study)"
                    : "\(options.user) was not \(options.role.rawValue) of \(options.study): nothing to revoke")
        }
    }
}
