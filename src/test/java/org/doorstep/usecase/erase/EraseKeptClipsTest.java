package org.doorstep.usecase.erase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.doorstep.usecase.keep.KeptClips;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An erase reaches kept clips: the confirmation counts them, and erasing releases them. */
class EraseKeptClipsTest {
    @TempDir
    Path dir;

    @Test
    void anEraseCountsAndReleasesTheKeptClipsItReaches() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            KeptClips keep = f.app.keep();
            var day1 = EraseFixture.DAY1.plusSeconds(8 * 3600);
            keep.keep("porch", day1.plusSeconds(5), day1.plusSeconds(50), "broken window", LocalDate.now().plusDays(9));
            keep.keep("garden", day1.plusSeconds(5), day1.plusSeconds(50), "other camera", null);
            // a clip reaching past the erased range keeps its outside part
            KeptClips.Kept straddling = keep.keep("porch", day1.plusSeconds(90), day1.plusSeconds(200), "ladder", null);

            EraseScope scope = EraseScope.cameraRange("porch", day1, day1.plusSeconds(120));
            assertThat(f.app.erase().preview(scope).keptClips()).isEqualTo(2);

            f.app.erase().run(scope, Set.of(), EraseProgress.NONE, () -> false);

            assertThat(keep.all()).extracting(KeptClips.Kept::camera, KeptClips.Kept::reason)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("garden", "other camera"),
                            org.assertj.core.groups.Tuple.tuple("porch", "ladder"));
            assertThat(keep.all()).filteredOn(k -> k.reason().equals("ladder")).singleElement().satisfies(k -> {
                assertThat(k.from()).isEqualTo(day1.plusSeconds(120));
                assertThat(k.to()).isEqualTo(straddling.to());
            });
            assertThat(f.app.erase().preview(scope).keptClips()).isZero();
        }
    }

    @Test
    void erasingACameraReleasesAllItsKeptClips() throws Exception {
        try (EraseFixture f = new EraseFixture(dir)) {
            var day2 = EraseFixture.DAY2.plusSeconds(8 * 3600);
            f.app.keep().keep("porch", day2, day2.plusSeconds(30), "a", null);
            f.app.keep().keep("porch", day2.plusSeconds(60), day2.plusSeconds(90), "b", null);

            assertThat(f.app.erase().preview(EraseScope.camera("porch", false)).keptClips()).isEqualTo(2);
            f.app.erase().run(EraseScope.camera("porch", false), Set.of(), EraseProgress.NONE, () -> false);

            assertThat(f.app.keep().all()).isEmpty();
        }
    }
}
