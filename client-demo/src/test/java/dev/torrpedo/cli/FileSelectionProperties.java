package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class FileSelectionProperties {

    /** Any list of indices and ranges selects exactly their union, and reads back from its canonical form. */
    @Property
    void selectsTheUnion(@ForAll @Size(min = 1, max = 20) List<@IntRange(max = 60) Integer> firsts,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(max = 5) Integer> lengths) {
        List<String> items = new ArrayList<>();
        boolean[] expected = new boolean[70];
        for (int i = 0; i < firsts.size(); i++) {
            int first = firsts.get(i);
            int last = first + lengths.get(i % lengths.size());
            items.add(first == last ? Integer.toString(first) : first + "-" + last);
            for (int j = first; j <= last; j++) {
                expected[j] = true;
            }
        }
        FileSelection s = FileSelection.parse(String.join(",", items));
        int[] priorities = s.priorities(70);
        for (int j = 0; j < 70; j++) {
            assertEquals(expected[j], s.contains(j), "index " + j);
            assertEquals(expected[j] ? 1 : 0, priorities[j], "index " + j);
        }
        assertEquals(s, FileSelection.parse(s.toString()));
        for (int k = 1; k < s.ranges().size(); k++) {
            assertFalse(s.ranges().get(k).first() <= s.ranges().get(k - 1).last() + 1, "ranges not merged: " + s);
        }
    }

    @Property
    void anyTextParsesOrSaysWhy(@ForAll @StringLength(max = 40) String text) {
        try {
            FileSelection s = FileSelection.parse(text);
            assertEquals(s, FileSelection.parse(s.toString()));
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage().isBlank());
        }
    }
}
