import ArgumentParser
import ViewpointsStore

extension StudyRole: ExpressibleByArgument {}

/// What `grant` and `revoke` share: study, role, login.
struct GrantOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The study.", valueName: "slug")) var study: String
    @Option(help: ArgumentHelp("lead, coder or analyst.", valueName: "role")) var role: StudyRole
    @Option(help: ArgumentHelp("The login (see `viewpoints user add`).", valueName: "login")) var user: String
    @Option(help: ArgumentHelp("For a coder: the coder it writes as (default: the login).", valueName: "name"))
    var coder: String?

    func validate() throws {
        if coder != nil && role != .coder { throw ValidationError("--coder goes with --role coder only") }
    }
}
