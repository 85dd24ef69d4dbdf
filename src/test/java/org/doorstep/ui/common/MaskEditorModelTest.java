package org.doorstep.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.doorstep.motion.MotionMask;
import org.doorstep.motion.MotionMaskJson;
import org.doorstep.ui.common.MaskEditorModel.Handle;
import org.doorstep.ui.common.MaskEditorModel.Kind;
import org.junit.jupiter.api.Test;

class MaskEditorModelTest {
    private static final double TOL = 0.01;

    @Test
    void clicksDrawAPolygonThatClosesOnItsFirstPoint() {
        MaskEditorModel m = new MaskEditorModel();
        m.click(0.1, 0.1, TOL, TOL);
        m.click(0.5, 0.1, TOL, TOL);
        m.click(0.5, 0.1, TOL, TOL); // a double click's second press adds nothing
        m.click(0.5, 0.5, TOL, TOL);
        assertThat(m.draft()).hasSize(3);
        m.click(0.105, 0.1, TOL, TOL);
        assertThat(m.isDrawing()).isFalse();
        assertThat(m.shapes()).hasSize(1);
        assertThat(m.shapes().get(0).kind()).isEqualTo(Kind.DETECTION);
        assertThat(m.selected()).isZero();
        assertThat(m.changed()).isTrue();
        assertThat(MotionMaskJson.parse(m.detectionJson()).excluded())
                .containsExactly(MotionMask.Polygon.of(0.1, 0.1, 0.5, 0.1, 0.5, 0.5));
        assertThat(m.privacyJson()).isNull();
    }

    @Test
    void twoPointsCannotBeClosed() {
        MaskEditorModel m = new MaskEditorModel();
        m.click(0.1, 0.1, TOL, TOL);
        m.click(0.2, 0.2, TOL, TOL);
        assertThat(m.closeDraft()).isFalse();
        assertThat(m.shapes()).isEmpty();
        m.cancelDraft();
        assertThat(m.isDrawing()).isFalse();
    }

    @Test
    void privacyAndDetectionMasksAreStoredApartAndLoadBack() {
        MaskEditorModel m = new MaskEditorModel();
        m.load("[[[0,0],[0.5,0],[0.5,0.5]]]", null);
        m.drawingKind(Kind.PRIVACY);
        m.click(0.6, 0.6, TOL, TOL);
        m.click(0.9, 0.6, TOL, TOL);
        m.click(0.9, 0.9, TOL, TOL);
        assertThat(m.closeDraft()).isTrue();
        assertThat(m.count(Kind.DETECTION)).isEqualTo(1);
        assertThat(m.count(Kind.PRIVACY)).isEqualTo(1);
        MaskEditorModel again = new MaskEditorModel();
        again.load(m.detectionJson(), m.privacyJson());
        assertThat(again.shapes()).isEqualTo(m.shapes());
        assertThat(again.changed()).isFalse();
    }

    @Test
    void pointsAreDraggedAndShapesSelectedAndDeleted() {
        MaskEditorModel m = new MaskEditorModel();
        m.load("[[[0.2,0.2],[0.4,0.2],[0.4,0.4],[0.2,0.4]]]", null);
        Handle h = m.handleAt(0.401, 0.399, TOL, TOL).orElseThrow();
        assertThat(h).isEqualTo(new Handle(0, 2));
        m.moveVertex(h, 0.8, 1.7); // clamped into the picture
        assertThat(m.shapes().get(0).points().get(2)).isEqualTo(new MaskEditorModel.Point(0.8, 1.0));
        assertThat(m.shapeAt(0.3, 0.3)).isZero();
        assertThat(m.shapeAt(0.1, 0.9)).isEqualTo(-1);
        assertThat(m.deleteSelected()).isFalse();
        m.select(0, -1);
        m.changeSelectedKind(Kind.PRIVACY);
        assertThat(m.detectionJson()).isNull();
        assertThat(m.privacyJson()).isNotNull();
        assertThat(m.deleteSelected()).isTrue();
        assertThat(m.shapes()).isEmpty();
    }

    @Test
    void theKeyboardAloneDrawsMovesAndDeletes() {
        MaskEditorModel m = new MaskEditorModel();
        AtomicInteger changes = new AtomicInteger();
        m.onChange(changes::incrementAndGet);
        m.addPointAtCursor();                       // 0.5, 0.5
        m.nudge(MaskEditorModel.STEP * 10, 0);
        m.addPointAtCursor();                       // 0.7, 0.5
        m.nudge(0, MaskEditorModel.STEP * 10);
        m.addPointAtCursor();                       // 0.7, 0.7
        assertThat(m.closeDraft()).isTrue();
        assertThat(m.shapeAt(0.65, 0.55)).isZero();
        m.select(-1, -1);
        m.selectNextShape();
        m.selectNextPoint();
        m.selectNextPoint();
        m.nudge(-MaskEditorModel.FINE_STEP, 0);
        assertThat(m.shapes().get(0).points().get(1).x()).isCloseTo(0.695, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.deleteSelected()).isTrue();
        assertThat(changes.get()).isGreaterThan(8);
    }
}
