namespace HaVip.Lab;

/// <summary>The machine cannot run the lab (not root, no netns); the message says what to do.</summary>
public sealed class LabUnavailableException(string message) : Exception(message);
