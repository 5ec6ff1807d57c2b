namespace RuleCompiler.Language.Model;

public enum FieldType
{
    String,
    Int,
    Long,
    Decimal,
    Double,
    Bool,
    Enum,
    StringList,
}

public static class FieldTypeFacts
{
    public static bool IsNumeric(this FieldType type) => type is FieldType.Int or FieldType.Long or FieldType.Decimal or FieldType.Double;

    public static bool IsInteger(this FieldType type) => type is FieldType.Int or FieldType.Long;

    /// <summary>The spelling in rule files, for messages.</summary>
    public static string YamlName(this FieldType type) => type switch
    {
        FieldType.String => "string",
        FieldType.Int => "int",
        FieldType.Long => "long",
        FieldType.Decimal => "decimal",
        FieldType.Double => "double",
        FieldType.Bool => "bool",
        FieldType.Enum => "enum",
        _ => "string-list",
    };
}
