namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>The end-to-end tests share one lab and run one after another.</summary>
[CollectionDefinition(nameof(LabCollection))]
public sealed class LabCollection : ICollectionFixture<LabFixture>;
