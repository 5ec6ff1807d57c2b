using System;
using System.Collections.Generic;

namespace RuleCompiler.Samples.TaskRouting;

/// <summary>An agent profile of the registry the rule set replaces: what it runs on, and the pairs it serves.</summary>
public sealed record AgentProfile(
    string Agent, string Queue, int MaxTokens, int TimeoutSeconds, string[] TaskTypes, string[] Capabilities);

/// <summary>
/// The O(n) capability scan that <c>rules/task-router.rules.yaml</c> replaces: a plain list of agent profiles, scanned
/// in order, the first whose task types and capabilities both contain the task's wins. It knows exactly the
/// (task type, capability) pairs of the rule file's lookup table and grouped rules, with their outputs; it has no
/// overrides by priority, no prefix catch-all (translation-*) and no catch-all by task type: a task outside its
/// pairs has no profile, and goes to the generalist.
/// </summary>
public static class CapabilityScan
{
    public static readonly AgentProfile Generalist = new("generalist", "general-pool", 16_000, 900, [], []);

    public static IReadOnlyList<AgentProfile> Profiles { get; } =
    [
        new("code-reviewer-csharp", "dotnet-pool", 32_000, 600, ["code-review"], ["csharp"]),
        new("code-reviewer-python", "python-pool", 32_000, 600, ["code-review"], ["python"]),
        new("code-reviewer-rust", "rust-pool", 32_000, 900, ["code-review"], ["rust"]),
        new("code-reviewer-typescript", "node-pool", 32_000, 600, ["code-review"], ["typescript"]),
        new("code-reviewer-javascript", "node-pool", 32_000, 600, ["code-review"], ["javascript"]),
        new("code-reviewer-go", "go-pool", 32_000, 600, ["code-review"], ["go"]),
        new("code-reviewer-java", "jvm-pool", 32_000, 750, ["code-review"], ["java"]),
        new("code-reviewer-kotlin", "jvm-pool", 32_000, 750, ["code-review"], ["kotlin"]),
        new("code-reviewer-swift", "macos-pool", 32_000, 900, ["code-review"], ["swift"]),
        new("code-reviewer-cpp", "native-pool", 32_000, 900, ["code-review"], ["cpp"]),
        new("code-reviewer-sql", "db-pool", 32_000, 600, ["code-review"], ["sql", "postgres", "mysql", "sqlserver", "sqlite", "oracle"]),
        new("code-reviewer-terraform", "infra-pool", 32_000, 600, ["code-review"], ["terraform"]),
        new("code-reviewer-shell", "infra-pool", 32_000, 600, ["code-review"], ["shell"]),
        new("test-writer-csharp", "dotnet-pool", 24_000, 900, ["unit-test-generation"], ["csharp"]),
        new("test-writer-python", "python-pool", 24_000, 900, ["unit-test-generation"], ["python"]),
        new("test-writer-rust", "rust-pool", 24_000, 1350, ["unit-test-generation"], ["rust"]),
        new("test-writer-typescript", "node-pool", 24_000, 900, ["unit-test-generation"], ["typescript"]),
        new("test-writer-javascript", "node-pool", 24_000, 900, ["unit-test-generation"], ["javascript"]),
        new("test-writer-go", "go-pool", 24_000, 900, ["unit-test-generation"], ["go"]),
        new("test-writer-java", "jvm-pool", 24_000, 1125, ["unit-test-generation"], ["java"]),
        new("test-writer-kotlin", "jvm-pool", 24_000, 1125, ["unit-test-generation"], ["kotlin"]),
        new("test-writer-swift", "macos-pool", 24_000, 1350, ["unit-test-generation"], ["swift"]),
        new("test-writer-cpp", "native-pool", 24_000, 1350, ["unit-test-generation"], ["cpp"]),
        new("bug-fixer-csharp", "dotnet-pool", 48_000, 1800, ["bug-fix"], ["csharp"]),
        new("bug-fixer-python", "python-pool", 48_000, 1800, ["bug-fix"], ["python"]),
        new("bug-fixer-rust", "rust-pool", 48_000, 2700, ["bug-fix"], ["rust"]),
        new("bug-fixer-typescript", "node-pool", 48_000, 1800, ["bug-fix"], ["typescript", "javascript", "html", "css"]),
        new("bug-fixer-go", "go-pool", 48_000, 1800, ["bug-fix"], ["go"]),
        new("bug-fixer-java", "jvm-pool", 48_000, 2250, ["bug-fix"], ["java"]),
        new("bug-fixer-kotlin", "jvm-pool", 48_000, 2250, ["bug-fix"], ["kotlin"]),
        new("bug-fixer-swift", "macos-pool", 48_000, 2700, ["bug-fix"], ["swift"]),
        new("bug-fixer-cpp", "native-pool", 48_000, 2700, ["bug-fix"], ["cpp"]),
        new("refactorer-csharp", "dotnet-pool", 64_000, 2400, ["refactor"], ["csharp"]),
        new("refactorer-python", "python-pool", 64_000, 2400, ["refactor"], ["python"]),
        new("refactorer-rust", "rust-pool", 64_000, 3600, ["refactor"], ["rust"]),
        new("refactorer-typescript", "node-pool", 64_000, 2400, ["refactor"], ["typescript"]),
        new("refactorer-go", "go-pool", 64_000, 2400, ["refactor"], ["go"]),
        new("refactorer-java", "jvm-pool", 64_000, 3000, ["refactor"], ["java"]),
        new("coder-csharp", "dotnet-pool", 32_000, 1200, ["code-generation"], ["csharp"]),
        new("coder-python", "python-pool", 32_000, 1200, ["code-generation"], ["python"]),
        new("coder-rust", "rust-pool", 32_000, 1800, ["code-generation"], ["rust"]),
        new("coder-typescript", "node-pool", 32_000, 1200, ["code-generation"], ["typescript"]),
        new("coder-go", "go-pool", 32_000, 1200, ["code-generation"], ["go"]),
        new("coder-java", "jvm-pool", 32_000, 1500, ["code-generation"], ["java"]),
        new("coder-kotlin", "jvm-pool", 32_000, 1500, ["code-generation"], ["kotlin"]),
        new("coder-swift", "macos-pool", 32_000, 1800, ["code-generation"], ["swift"]),
        new("perf-engineer-csharp", "dotnet-pool", 32_000, 1800, ["performance-profiling"], ["csharp"]),
        new("perf-engineer-python", "python-pool", 32_000, 1800, ["performance-profiling"], ["python"]),
        new("perf-engineer-rust", "rust-pool", 32_000, 2700, ["performance-profiling"], ["rust"]),
        new("perf-engineer-go", "go-pool", 32_000, 1800, ["performance-profiling"], ["go"]),
        new("perf-engineer-java", "jvm-pool", 32_000, 2250, ["performance-profiling"], ["java"]),
        new("perf-engineer-cpp", "native-pool", 32_000, 2700, ["performance-profiling"], ["cpp"]),
        new("dependency-bot-csharp", "dotnet-pool", 16_000, 1200, ["dependency-upgrade"], ["csharp"]),
        new("dependency-bot-python", "python-pool", 16_000, 1200, ["dependency-upgrade"], ["python"]),
        new("dependency-bot-rust", "rust-pool", 16_000, 1800, ["dependency-upgrade"], ["rust"]),
        new("dependency-bot-typescript", "node-pool", 16_000, 1200, ["dependency-upgrade"], ["typescript"]),
        new("dependency-bot-go", "go-pool", 16_000, 1200, ["dependency-upgrade"], ["go"]),
        new("dependency-bot-java", "jvm-pool", 16_000, 1500, ["dependency-upgrade"], ["java"]),
        new("security-auditor-csharp", "dotnet-pool", 64_000, 3600, ["security-audit"], ["csharp"]),
        new("security-auditor-python", "python-pool", 64_000, 3600, ["security-audit"], ["python"]),
        new("security-auditor-typescript", "node-pool", 64_000, 3600, ["security-audit"], ["typescript"]),
        new("security-auditor-go", "go-pool", 64_000, 3600, ["security-audit"], ["go"]),
        new("security-auditor-java", "jvm-pool", 64_000, 4500, ["security-audit"], ["java"]),
        new("security-auditor-terraform", "infra-pool", 64_000, 3600, ["security-audit"], ["terraform"]),
        new("migration-writer-postgres", "db-pool", 16_000, 600, ["sql-migration"], ["postgres"]),
        new("migration-writer-mysql", "db-pool", 16_000, 600, ["sql-migration"], ["mysql"]),
        new("migration-writer-sqlserver", "db-pool", 16_000, 600, ["sql-migration"], ["sqlserver"]),
        new("migration-writer-sqlite", "db-pool", 16_000, 600, ["sql-migration"], ["sqlite"]),
        new("migration-writer-sql", "db-pool", 16_000, 600, ["sql-migration"], ["sql"]),
        new("query-tuner-postgres", "db-pool", 16_000, 900, ["query-optimization"], ["postgres"]),
        new("query-tuner-mysql", "db-pool", 16_000, 900, ["query-optimization"], ["mysql"]),
        new("query-tuner-sqlserver", "db-pool", 16_000, 900, ["query-optimization"], ["sqlserver"]),
        new("doc-writer-csharp", "dotnet-pool", 24_000, 900, ["documentation"], ["csharp"]),
        new("doc-writer-python", "python-pool", 24_000, 900, ["documentation"], ["python"]),
        new("doc-writer-typescript", "node-pool", 24_000, 900, ["documentation"], ["typescript"]),
        new("doc-writer-rust", "rust-pool", 24_000, 1350, ["documentation"], ["rust"]),
        new("doc-writer-go", "go-pool", 24_000, 900, ["documentation"], ["go"]),
        new("api-doc-writer-openapi", "docs-pool", 24_000, 900, ["api-docs"], ["openapi"]),
        new("api-doc-writer-graphql", "docs-pool", 24_000, 900, ["api-docs"], ["graphql"]),
        new("api-doc-writer-grpc", "docs-pool", 24_000, 900, ["api-docs"], ["grpc"]),
        new("ci-doctor-github-actions", "ci-pool", 24_000, 900, ["ci-failure-analysis"], ["github-actions"]),
        new("ci-doctor-azure-pipelines", "ci-pool", 24_000, 900, ["ci-failure-analysis"], ["azure-pipelines"]),
        new("ci-doctor-gitlab-ci", "ci-pool", 24_000, 900, ["ci-failure-analysis"], ["gitlab-ci"]),
        new("ci-doctor-jenkins", "ci-pool", 24_000, 900, ["ci-failure-analysis"], ["jenkins"]),
        new("infra-engineer-terraform", "infra-pool", 32_000, 1200, ["infrastructure-change"], ["terraform"]),
        new("infra-engineer-bicep", "infra-pool", 32_000, 1200, ["infrastructure-change"], ["bicep"]),
        new("infra-engineer-kubernetes", "infra-pool", 32_000, 1200, ["infrastructure-change"], ["kubernetes"]),
        new("infra-engineer-helm", "infra-pool", 32_000, 1200, ["infrastructure-change"], ["helm"]),
        new("infra-engineer-ansible", "infra-pool", 32_000, 1200, ["infrastructure-change"], ["ansible"]),
        new("translator-fr", "l10n-pool", 8_000, 300, ["translation-fr"], ["ui-strings"]),
        new("translator-fr", "docs-pool", 32_000, 1200, ["translation-fr"], ["docs"]),
        new("translator-de", "l10n-pool", 8_000, 300, ["translation-de"], ["ui-strings"]),
        new("translator-de", "docs-pool", 32_000, 1200, ["translation-de"], ["docs"]),
        new("translator-es", "l10n-pool", 8_000, 300, ["translation-es"], ["ui-strings"]),
        new("translator-es", "docs-pool", 32_000, 1200, ["translation-es"], ["docs"]),
        new("translator-it", "l10n-pool", 8_000, 300, ["translation-it"], ["ui-strings"]),
        new("translator-it", "docs-pool", 32_000, 1200, ["translation-it"], ["docs"]),
        new("translator-ja", "l10n-pool", 8_000, 300, ["translation-ja"], ["ui-strings"]),
        new("translator-ja", "docs-pool", 32_000, 1200, ["translation-ja"], ["docs"]),
        new("translator-zh", "l10n-pool", 8_000, 300, ["translation-zh"], ["ui-strings"]),
        new("translator-zh", "docs-pool", 32_000, 1200, ["translation-zh"], ["docs"]),
        new("translator-ko", "l10n-pool", 8_000, 300, ["translation-ko"], ["ui-strings"]),
        new("translator-ko", "docs-pool", 32_000, 1200, ["translation-ko"], ["docs"]),
        new("translator-pt-br", "l10n-pool", 8_000, 300, ["translation-pt-br"], ["ui-strings"]),
        new("translator-pt-br", "docs-pool", 32_000, 1200, ["translation-pt-br"], ["docs"]),
        new("code-reviewer-frontend", "node-pool", 24_000, 600, ["code-review"], ["html", "css", "scss", "vue", "svelte"]),
        new("code-reviewer-shell", "infra-pool", 16_000, 600, ["code-review"], ["bash", "zsh", "powershell"]),
        new("test-writer-jvm", "jvm-pool", 24_000, 1125, ["unit-test-generation"], ["scala", "groovy", "clojure"]),
        new("coder-dotnet", "dotnet-pool", 32_000, 1200, ["code-generation"], ["fsharp", "vbnet"]),
        new("formatter-dotnet", "dotnet-pool", 8_000, 300, ["lint-fix", "format-fix"], ["csharp", "fsharp"]),
        new("formatter-node", "node-pool", 8_000, 300, ["lint-fix", "format-fix"], ["typescript", "javascript"]),
        new("formatter-python", "python-pool", 8_000, 300, ["lint-fix", "format-fix"], ["python"]),
        new("doc-writer-prose", "docs-pool", 24_000, 900, ["documentation", "readme-update", "tutorial"], ["docs"]),
    ];

    /// <summary>The first profile that serves the pair, or null: a linear scan of every profile's lists.</summary>
    public static AgentProfile? Find(string taskType, string capability)
    {
        foreach (var profile in Profiles)
        {
            if (Array.IndexOf(profile.TaskTypes, taskType) >= 0 && Array.IndexOf(profile.Capabilities, capability) >= 0)
            {
                return profile;
            }
        }

        return null;
    }

    /// <summary>The profile for the pair, or the generalist when no profile serves it.</summary>
    public static AgentProfile Route(string taskType, string capability) => Find(taskType, capability) ?? Generalist;
}
