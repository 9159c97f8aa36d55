// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Viewpoints",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "viewpoints", targets: ["viewpoints"]),
        .library(name: "ViewpointsCore", targets: ["ViewpointsCore"]),
        .library(name: "ViewpointsStore", targets: ["ViewpointsStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "ViewpointsCore",
            dependencies: ["COpenSSL", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "ViewpointsFiles",
            dependencies: ["ViewpointsCore"]
        ),
        .target(
            name: "ViewpointsStore",
            dependencies: ["ViewpointsCore", "CLibPQ", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Schema")]
        ),
        .executableTarget(
            name: "viewpoints",
            dependencies: [
                "ViewpointsCore",
                "ViewpointsFiles",
                "ViewpointsStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "ViewpointsTestSupport",
            dependencies: ["ViewpointsStore", "ViewpointsCore", "ViewpointsFiles"],
            path: "Tests/Support"
        ),
        .testTarget(
            name: "ViewpointsCoreTests",
            dependencies: [
                "ViewpointsCore", "ViewpointsFiles", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "ViewpointsStoreTests",
            dependencies: [
                "ViewpointsStore", "ViewpointsCore", "ViewpointsFiles", "ViewpointsTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["ViewpointsCore", "ViewpointsFiles", "ViewpointsStore", "ViewpointsTestSupport"]
        ),
    ]
)
