// swift-tools-version: 6.0
// The libFuzzer target, kept out of the main package so `swift build` and `swift test` never build it.
// Built by Scripts/fuzz with `-sanitize=fuzzer,address -parse-as-library`.
import PackageDescription

let package = Package(
    name: "ViewpointsFuzz",
    dependencies: [.package(name: "Viewpoints", path: "..")],
    targets: [
        .executableTarget(
            name: "viewpoints-fuzz",
            dependencies: [.product(name: "ViewpointsCore", package: "Viewpoints")],
            path: "Sources/ViewpointsFuzz"
        )
    ]
)
