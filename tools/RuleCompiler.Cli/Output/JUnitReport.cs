using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using RuleCompiler.Cli.Commands;

namespace RuleCompiler.Cli.Output;

/// <summary>
/// Test results as JUnit XML (the schema CI servers read): a testsuite per file, a testcase per case with a failure
/// that says what was expected and what came out, and an error testcase for a file whose tests could not run.
/// </summary>
internal static class JUnitReport
{
    public static string Write(IReadOnlyList<TestSuite> suites)
    {
        var bytes = new MemoryStream();
        using (var xml = XmlWriter.Create(bytes, new XmlWriterSettings { Indent = true, NewLineChars = "\n", Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "rulec test");
            xml.WriteAttributeString("tests", Number(suites.Sum(s => s.Cases.Count + (s.Errors.Count > 0 ? 1 : 0))));
            xml.WriteAttributeString("failures", Number(suites.Sum(s => s.Cases.Count(c => c.Failure is not null))));
            xml.WriteAttributeString("errors", Number(suites.Count(s => s.Errors.Count > 0)));
            foreach (var suite in suites)
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", suite.Path);
                xml.WriteAttributeString("tests", Number(suite.Cases.Count + (suite.Errors.Count > 0 ? 1 : 0)));
                xml.WriteAttributeString("failures", Number(suite.Cases.Count(c => c.Failure is not null)));
                xml.WriteAttributeString("errors", Number(suite.Errors.Count > 0 ? 1 : 0));
                xml.WriteStartElement("properties");
                Property(xml, "rule-coverage", $"{suite.Covered}/{suite.Rules}");
                Property(xml, "rules-not-exercised", string.Join(",", suite.Uncovered));
                xml.WriteEndElement();
                if (suite.Errors.Count > 0)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", "(the rule file)");
                    xml.WriteAttributeString("classname", suite.RuleSet ?? suite.Path);
                    xml.WriteStartElement("error");
                    xml.WriteAttributeString("message", "the rule file has errors");
                    xml.WriteString(string.Join("\n", suite.Errors));
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                }

                foreach (var test in suite.Cases)
                {
                    xml.WriteStartElement("testcase");
                    xml.WriteAttributeString("name", test.Name);
                    xml.WriteAttributeString("classname", suite.RuleSet ?? suite.Path);
                    xml.WriteAttributeString("file", suite.Path);
                    xml.WriteAttributeString("line", Number(test.Line));
                    if (test.Failure is { } failure)
                    {
                        xml.WriteStartElement("failure");
                        xml.WriteAttributeString("message", failure);
                        xml.WriteAttributeString("type", "RC4001");
                        xml.WriteString($"{suite.Path}({test.Line}): {failure}");
                        xml.WriteEndElement();
                    }

                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return Encoding.UTF8.GetString(bytes.ToArray()) + "\n";
    }

    private static void Property(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", value);
        xml.WriteEndElement();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
