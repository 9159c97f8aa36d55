import ArgumentParser
import ViewpointsCore

// Stance's own `init?(argument:)` reads integers, words and symbols.
extension Stance: ExpressibleByArgument {
    public static var defaultCompletionKind: CompletionKind { .list(Stance.words) }
}

extension CodeReference: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension SampleSize: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `--coder NAME`, required by every coding command.
struct CoderOption: ParsableArguments {
    @Option(help: ArgumentHelp("The coder doing the work (see `viewpoints coder list`).", valueName: "name"))
    var coder: String
}
