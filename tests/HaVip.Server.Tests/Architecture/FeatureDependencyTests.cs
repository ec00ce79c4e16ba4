namespace HaVip.Server.Tests.Architecture;

/// <summary>
/// The server is sliced by feature (HaVips, Inventory, Agents, Access, Console) over shared
/// plumbing (Http, Persistence), composed by Hosting. Feature folders must not refer to each other
/// in loops, and nothing but the entry point refers to the composition root.
/// </summary>
public sealed class FeatureDependencyTests
{
    private static readonly FeatureGraph Graph = FeatureGraph.Of(typeof(Program).Assembly);

    [Fact]
    public void TopLevelFolders_HaveNoNamespaceCycle()
    {
        var cycles = Graph.Cycles();

        cycles.Should().BeEmpty("each cycle is listed with one reference per edge: {0}", Describe(cycles));
    }

    [Theory]
    [InlineData("Persistence", new[] { "Http", "Access", "HaVips", "Inventory", "Agents", "Console", "Hosting" })]
    [InlineData("Http", new[] { "Access", "HaVips", "Inventory", "Agents", "Console", "Hosting" })]
    [InlineData("HaVips", new[] { "Inventory", "Agents", "Access", "Console", "Hosting" })]
    [InlineData("Inventory", new[] { "Agents", "Access", "Console", "Hosting" })]
    [InlineData("Agents", new[] { "Inventory", "Access", "Console", "Hosting" })]
    [InlineData("Access", new[] { "HaVips", "Inventory", "Agents", "Console", "Hosting" })]
    [InlineData("Console", new[] { "Hosting" })]
    public void Feature_DependsOnlyDownward(string feature, string[] forbidden)
    {
        var edges = Graph.Edges.GetValueOrDefault(feature) ?? [];

        edges.Where(e => forbidden.Contains(e.Key)).Select(e => $"{feature} -> {e.Key} ({e.Value})")
            .Should().BeEmpty();
    }

    [Fact]
    public void Graph_SeesTheKnownReferences()
    {
        // Guards the reader itself: a graph that saw nothing would pass every test above.
        Graph.Edges["HaVips"].Keys.Should().Contain("Persistence");
        Graph.Edges["Hosting"].Keys.Should().Contain(["HaVips", "Inventory", "Agents", "Access", "Console", "Http", "Persistence"]);
    }

    private static string Describe(IReadOnlyList<IReadOnlyList<string>> cycles) => string.Join("; ", cycles.Select(group =>
        string.Join(", ", group.SelectMany(from => group
            .Where(to => Graph.Edges.GetValueOrDefault(from)?.ContainsKey(to) == true)
            .Select(to => $"{from} -> {to} ({Graph.Edges[from][to]})")))));
}
