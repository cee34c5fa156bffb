package org.tesseracrm.plugin.exchange1c.internal.cml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The elements of <em>one</em> CommerceML object (a product, an offer, a document), read from the stream
 * and dropped once the object has been handed on: memory is bounded by the largest object, never by the
 * file. Names are local names (namespaces are ignored).
 */
public final class Fragment {
    private final String name;
    private final Map<String, String> attributes;
    private final List<Fragment> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final int line;

    private Fragment(String name, Map<String, String> attributes, int line) {
        this.name = name;
        this.attributes = attributes;
        this.line = line;
    }

    /** Reads the element the reader stands on (START_ELEMENT), up to and including its end. */
    static Fragment read(XMLStreamReader reader) throws XMLStreamException {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        Fragment fragment = new Fragment(reader.getLocalName(), attributes,
                reader.getLocation() == null ? -1 : reader.getLocation().getLineNumber());
        while (true) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> fragment.children.add(read(reader));
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                    fragment.text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return fragment;
                }
                case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("unexpected end of document in <"
                        + fragment.name + ">", reader.getLocation());
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    /** @return the element's local name */
    public String name() {
        return name;
    }

    /** @return the line the element starts on, or -1 */
    public int line() {
        return line;
    }

    /** @return the attribute's value stripped of surrounding spaces, or {@code null} (blank counts as absent) */
    public String attribute(String localName) {
        return blankToNull(attributes.get(localName));
    }

    /** @return the element's own text, stripped; {@code null} when blank */
    public String text() {
        return blankToNull(text.toString());
    }

    /** @return the first child with this local name, or {@code null} */
    public Fragment child(String localName) {
        for (Fragment child : children) {
            if (child.name.equals(localName)) {
                return child;
            }
        }
        return null;
    }

    /** @return the children with this local name */
    public List<Fragment> children(String localName) {
        List<Fragment> found = new ArrayList<>();
        for (Fragment child : children) {
            if (child.name.equals(localName)) {
                found.add(child);
            }
        }
        return found;
    }

    /** @return the stripped text of the element at a path of local names ({@code "Банк", "БИК"}), or {@code null} */
    public String text(String... path) {
        Fragment at = this;
        for (String step : path) {
            at = at.child(step);
            if (at == null) {
                return null;
            }
        }
        return at.text();
    }

    /** @return the elements at a path of local names: every match of the last step under the first matches */
    public List<Fragment> all(String... path) {
        List<Fragment> level = List.of(this);
        for (String step : path) {
            List<Fragment> next = new ArrayList<>();
            for (Fragment fragment : level) {
                next.addAll(fragment.children(step));
            }
            level = next;
        }
        return level;
    }

    static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
