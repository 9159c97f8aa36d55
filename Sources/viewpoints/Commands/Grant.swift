import ArgumentParser
import ViewpointsStore

extension Viewpoints {
    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a login a role in a study.",
            discussion: """
                Records the membership (row-level security shows the login that study's rows only) and makes the login \
                a member of the role's group role (viewpoints_lead, _coder or _analyst). Run `viewpoints db roles` first.
                """)

        @OptionGroup var options: GrantOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            try database.withStudy(options.study) { store, study in
                try store.grant(
                    study: study, role: options.role, login: options.user,
                    coder: options.coder)
            }
            let coder = options.role == .coder ? " as coder \(options.coder ?? options.user)" : ""
            print("\(options.user) is \(options.role.rawValue) of \(options.study)\(coder)")
        }
    }
}
