// XsdValidate.java: validates XML files against an XSD with the JDK's own
// validator (javax.xml.validation, derived from Apache Xerces-J), a second
// implementation beside libxml2, which the program uses. Prints one line
// per file, "valid FILE" or "invalid FILE: LINE:COL: message", and exits 0.
// External access: local files only (the schemas import xml/xml.xsd).
// Run: java tests/XsdValidate.java SCHEMA.xsd FILE.xml...
import java.io.File;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXParseException;

public class XsdValidate {
    public static void main(String[] args) throws Exception {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Schema schema = f.newSchema(new File(args[0]));
        for (int i = 1; i < args.length; i++) {
            Validator v = schema.newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            try {
                v.validate(new StreamSource(new File(args[i])));
                System.out.println("valid " + args[i]);
            } catch (SAXParseException e) {
                System.out.println("invalid " + args[i] + ": " + e.getLineNumber() + ":"
                    + e.getColumnNumber() + ": " + e.getMessage());
            } catch (Exception e) {
                System.out.println("invalid " + args[i] + ": " + e.getMessage());
            }
        }
    }
}
