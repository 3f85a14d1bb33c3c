package imitation.policy;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Float matrix products straight into OpenBLAS, the BLAS that ND4J itself ships and calls, on the
 * native memory of ND4J arrays. ND4J's own {@code Nd4j.gemm} reaches the same {@code cblas_sgemm}
 * through a custom-op round trip that costs about 10 microseconds per call, as much as the whole
 * product for the small matrices of {@link Mlp}.
 */
final class Gemm {
    private Gemm() {}

    /** A pointer {@code offset} floats into the (non-view, float) array {@code a}; valid while {@code a} is reachable. */
    static FloatPointer pointer(INDArray a, long offset) {
        if (a.dataType() != DataType.FLOAT || a.isView()) {
            throw new IllegalStateException("Gemm needs a float array that is not a view, got " + a.dataType()
                    + (a.isView() ? " view" : ""));
        }
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        return p.position(offset);
    }

    /**
     * {@code C = op(A) op(B)}, column-major: {@code C} is {@code m x n} with leading dimension
     * {@code ldc}, {@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n}; {@code op}
     * transposes when asked.
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
            FloatPointer a, int lda, FloatPointer b, int ldb, FloatPointer c, int ldc) {
        openblas.cblas_sgemm(openblas.CblasColMajor,
                transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc);
    }
}
