package imitation.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;

/**
 * Column-major float matrix products straight into OpenBLAS, the BLAS that ND4J itself ships. ND4J's own
 * {@code Nd4j.gemm} reaches the same {@code cblas_sgemm} through a custom-op round trip that costs about
 * 10 µs per call, as much as a whole product at the sizes of imitation-learning networks.
 */
final class Blas {
    private Blas() {}

    /**
     * {@code C = op(A) op(B) + beta C}: {@code C} is {@code m × n} (leading dimension {@code ldc}),
     * {@code op(A)} is {@code m × k}, {@code op(B)} is {@code k × n}.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
            FloatPointer a, int lda, FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        openblas.cblas_sgemm(openblas.CblasColMajor,
                transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans,
                m, n, k, 1f, a, lda, b, ldb, beta, c, ldc);
    }
}
