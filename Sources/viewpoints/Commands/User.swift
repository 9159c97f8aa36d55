import ArgumentParser
import ViewpointsStore

extension Viewpoints.User {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a login with a generated password, shown once.",
            discussion: """
                The login has no access to any study until `viewpoints grant` gives it a role. The password is \
                hashed (SCRAM-SHA-256) before it is sent, is not stored by Viewpoints and cannot be shown again.
                """)

        @Argument(help: "Login name: lower-case letters, digits and _.") var login: String
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open()
            let password = try report { try store.addLogin(login) }
            print("created login \(login)")
            print("password: \(password)")
            warn("viewpoints: note: the password is shown only now; hand it over privately")
        }
    }
}
